using Parquet.Schema;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using static ServerlessPrep.Core.Tests.Reading.ReaderTestHelpers;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class ParquetBatchReaderTests
{
    private static readonly DateTime Instant = new(2024, 3, 1, 12, 30, 45, 123, DateTimeKind.Utc);

    [Fact]
    public async Task ReadBatchesAsync_FlatTypesWithNulls_MapsKindsAndValues()
    {
        var schema = new ParquetSchema(
            new DataField<sbyte>("i8"),
            new DataField<int?>("i32"),
            new DataField<long?>("i64"),
            new DataField<uint>("u32"),
            new DataField<float?>("f"),
            new DataField<double?>("d"),
            new DataField<bool?>("b"),
            new DataField<string>("s"),
            new DataField<DateOnly?>("day"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync<sbyte>(f[0], new sbyte[] { -3, 4 });
            await rg.WriteAsync<int>(f[1], new int?[] { 7, null });
            await rg.WriteAsync<long>(f[2], new long?[] { null, long.MaxValue });
            await rg.WriteAsync<uint>(f[3], new uint[] { uint.MaxValue, 0 });
            await rg.WriteAsync<float>(f[4], new float?[] { 1.5f, null });
            await rg.WriteAsync<double>(f[5], new double?[] { null, -2.25 });
            await rg.WriteAsync<bool>(f[6], new bool?[] { true, null });
            await rg.WriteAsync(f[7], new string?[] { "héllo", null });
            await rg.WriteAsync<DateOnly>(f[8], new DateOnly?[] { new DateOnly(1969, 12, 31), null });
        });

        await using var reader = await OpenAsync(file, "t/flat.parquet");
        var (rows, sizes) = await ReadAllAsync(reader);

        Assert.Equal(InputFormat.Parquet, reader.Format);
        Assert.Equal(2L, reader.TotalRows);
        Assert.Equal([2], sizes);
        Assert.Equal(
            [DataKind.Int64, DataKind.Int64, DataKind.Int64, DataKind.Int64, DataKind.Double, DataKind.Double, DataKind.Boolean, DataKind.String, DataKind.Date],
            reader.Schema.Columns.Select(c => c.Kind));
        Assert.Equal([-3L, 7L, null, (long)uint.MaxValue, 1.5, null, true, "héllo", new DateTime(1969, 12, 31, 0, 0, 0, DateTimeKind.Utc)], rows[0]);
        Assert.Equal([4L, null, long.MaxValue, 0L, null, -2.25, null, null, null], rows[1]);
    }

    [Fact]
    public async Task ReadBatchesAsync_TimestampUnits_AllReadAsUtcMicros()
    {
        var schema = new ParquetSchema(
            new DateTimeDataField("ms", DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Millis, isNullable: true),
            new DateTimeDataField("us", DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Micros),
            new DateTimeDataField("ns", DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Nanos));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync<DateTime>(f[0], new DateTime?[] { Instant, null });
            await rg.WriteAsync<DateTime>(f[1], new[] { Instant, DateTime.UnixEpoch });
            await rg.WriteAsync<DateTime>(f[2], new[] { Instant, DateTime.UnixEpoch });
        });

        await using var reader = await OpenAsync(file, "t/ts.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.All(reader.Schema.Columns, c => Assert.Equal(DataKind.Timestamp, c.Kind));
        Assert.Equal("TIMESTAMP(NANOS)", reader.Schema.Find("ns")!.SourceType);
        Assert.Equal([Instant, Instant, Instant], rows[0]);
        Assert.Equal([null, DateTime.UnixEpoch, DateTime.UnixEpoch], rows[1]);
    }

    [Fact]
    public async Task ReadBatchesAsync_Int96Column_ReadsTimestamp()
    {
        var schema = new ParquetSchema(new DateTimeDataField("legacy", DateTimeFormat.Impala, isNullable: true));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
            await rg.WriteAsync<DateTime>(f[0], new DateTime?[] { Instant, null, new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc) }));

        await using var reader = await OpenAsync(file, "t/int96.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        var column = Assert.Single(reader.Schema.Columns);
        Assert.Equal(DataKind.Timestamp, column.Kind);
        Assert.Equal("INT96", column.SourceType);
        Assert.Equal([Instant, null, new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc)], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task ReadBatchesAsync_DecimalColumns_ReadAsDoubleWithPrecisionInSourceType()
    {
        var schema = new ParquetSchema(
            new DecimalDataField("price", 10, 2, isNullable: true),
            new DecimalDataField("wide", 28, 6, forceByteArrayEncoding: true));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync<decimal>(f[0], new decimal?[] { 12.34m, null });
            await rg.WriteAsync<decimal>(f[1], new[] { -1234567.891011m, 0m });
        });

        await using var reader = await OpenAsync(file, "t/dec.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(new ColumnSchema("price", DataKind.Double, true, "DECIMAL(10,2)"), reader.Schema.Columns[0]);
        Assert.Equal("DECIMAL(28,6)", reader.Schema.Columns[1].SourceType);
        Assert.Equal([12.34, -1234567.891011], rows[0]);
        Assert.Equal([null, 0.0], rows[1]);
    }

    [Fact]
    public async Task ReadBatchesAsync_BinaryColumn_ReadAsBase64WithNote()
    {
        var schema = new ParquetSchema(new DataField<byte[]>("blob"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
            await rg.WriteAsync(f[0], new byte[]?[] { [1, 2, 255], null }));

        await using var reader = await OpenAsync(file, "t/bin.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(DataKind.String, reader.Schema.Columns[0].Kind);
        Assert.Equal(["AQL/", null], rows.Select(r => r[0]));
        Assert.Contains(reader.Diagnostics.Notes, n => n.Contains("base64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_BinaryColumnWithBase64Off_SkipsColumn()
    {
        var schema = new ParquetSchema(new DataField<int>("id"), new DataField<byte[]>("blob"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync<int>(f[0], new[] { 1 });
            await rg.WriteAsync(f[1], new byte[]?[] { [1] });
        });

        await using var reader = await OpenAsync(file, "t/bin.parquet", options: new ReaderOptions { BinaryAsBase64 = false });

        Assert.Equal("id:Int64", reader.Schema.Fingerprint);
        Assert.Contains(reader.Diagnostics.Notes, n => n.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadBatchesAsync_UInt64AboveInt64Max_MissingAndCounted()
    {
        var schema = new ParquetSchema(new DataField<ulong>("big"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
            await rg.WriteAsync<ulong>(f[0], new[] { 5UL, ulong.MaxValue }));

        await using var reader = await OpenAsync(file, "t/u64.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal([5L, null], rows.Select(r => r[0]));
        var unparsed = reader.Diagnostics.Unparsed["big"];
        Assert.Equal(1, unparsed.Count);
        Assert.Equal(2, unparsed.Examples[0].Line);
    }

    [Fact]
    public async Task ReadBatchesAsync_MultipleRowGroups_OneBatchPerRowGroupWithRowOffsets()
    {
        var schema = new ParquetSchema(new DataField<int>("n"), new DataField<string>("s"));
        Func<Parquet.ParquetRowGroupWriter, DataField[], Task> Group(int start, int count) => async (rg, f) =>
        {
            await rg.WriteAsync<int>(f[0], Enumerable.Range(start, count).ToArray());
            await rg.WriteAsync(f[1], Enumerable.Range(start, count).Select(i => i % 2 == 0 ? null : $"v{i}").ToArray());
        };
        using var file = await ParquetTestFiles.WriteAsync(schema, Group(0, 5), Group(5, 3), Group(8, 4));

        await using var reader = await OpenAsync(file, "t/groups.parquet");
        var offsets = new List<long>();
        var values = new List<object?>();
        await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            offsets.Add(batch.FirstRowIndex);
            for (var i = 0; i < batch.RowCount; i++)
            {
                values.Add(batch["n"].GetValue(i));
            }

            Assert.Equal(batch.RowCount / 2 + (batch.FirstRowIndex % 2 == 0 ? batch.RowCount % 2 : 0), batch["s"].CountNulls());
        }

        Assert.Equal(12L, reader.TotalRows);
        Assert.Equal([0L, 5L, 8L], offsets);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (object?)(long)i), values);
    }

    [Fact]
    public async Task ReadBatchesAsync_NestedStructListMap_JsonTextWithRightNulls()
    {
        var schema = new ParquetSchema(
            new DataField<int>("id"),
            new StructField("st", new DataField<int?>("a"), new DataField<string>("b")),
            new ListField("li", new DataField<int?>("item")),
            new MapField("mp", new DataField<string>("key", false), new DataField<int?>("value")),
            new ListField("ls", new StructField("element", new DataField<int?>("x"))));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync<int>(f[0], new[] { 1, 2, 3 });
            await rg.WriteAsync<int>(f[1], new int?[] { 5, null, null });
            await rg.WriteAsync(f[2], new string?[] { "x", null, "z" });
            // Explicit levels express what plain nullable values cannot: an empty list and a null list or map.
            await rg.WriteAllPartsAsync<int>(f[3], new[] { 1 }, new[] { 3, 2, 1, 0 }, new[] { 0, 1, 0, 0 }, CancellationToken.None);
            await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(f[4], new[] { "k1".AsMemory(), "k2".AsMemory(), "k3".AsMemory() }, new[] { 2, 2, 2, 0 }, new[] { 0, 1, 0, 0 }, CancellationToken.None);
            await rg.WriteAllPartsAsync<int>(f[5], new[] { 10, 20, 30 }, new[] { 3, 3, 3, 0 }, new[] { 0, 1, 0, 0 }, CancellationToken.None);
            await rg.WriteAllPartsAsync<int>(f[6], new[] { 7, 8 }, new[] { 4, 4, 3, 0 }, new[] { 0, 1, 0, 0 }, CancellationToken.None);
        });

        await using var reader = await OpenAsync(file, "t/nested.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal([DataKind.Int64, DataKind.Nested, DataKind.Nested, DataKind.Nested, DataKind.Nested], reader.Schema.Columns.Select(c => c.Kind));
        Assert.Equal("struct<a:int32,b:string>", reader.Schema.Find("st")!.SourceType);
        Assert.Equal(3, rows.Count);
        Assert.Equal("""{"a":5,"b":"x"}""", rows[0][1]);
        Assert.Equal("""{"a":null,"b":null}""", rows[1][1]);
        Assert.Equal("""{"a":null,"b":"z"}""", rows[2][1]);
        Assert.Equal("[1,null]", rows[0][2]);
        Assert.Equal("[]", rows[1][2]);
        Assert.Null(rows[2][2]);
        Assert.Equal("""[{"key":"k1","value":10},{"key":"k2","value":20}]""", rows[0][3]);
        Assert.Equal("""[{"key":"k3","value":30}]""", rows[1][3]);
        Assert.Null(rows[2][3]);
        Assert.Equal("""[{"x":7},{"x":8}]""", rows[0][4]);
        Assert.Equal("""[{"x":null}]""", rows[1][4]);
        Assert.Null(rows[2][4]);
    }

    [Fact]
    public async Task OpenAsync_NonSeekableStream_CopiesAndReads()
    {
        var schema = new ParquetSchema(new DataField<int>("n"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) => await rg.WriteAsync<int>(f[0], new[] { 1, 2, 3 }));
        using var forwardOnly = new ForwardOnlyStream(file.ToArray());

        await using var reader = await OpenAsync(forwardOnly, "t/stream");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(InputFormat.Parquet, reader.Format);
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task ReadBatchesAsync_SecondEnumeration_Throws()
    {
        var schema = new ParquetSchema(new DataField<int>("n"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) => await rg.WriteAsync<int>(f[0], new[] { 1 }));
        await using var reader = await OpenAsync(file, "t/x.parquet");
        await ReadAllAsync(reader);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(reader));
    }

    [Fact]
    public async Task ReadBatchesAsync_DeeperNesting_StructOfStructAndListOfLists()
    {
        var schema = new ParquetSchema(
            new StructField("outer", new StructField("inner", new DataField<double?>("x")), new ListField("tags", new DataField<string>("item"))),
            new ListField("matrix", new ListField("row", new DataField<int>("v"))),
            new MapField("attrs", new DataField<int>("key"), new StructField("value", new DataField<bool?>("on"))));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            // outer.inner.x: row0 x=1.5, row1 inner null, row2 outer null
            await rg.WriteAllPartsAsync<double>(f[0], new[] { 1.5 }, new[] { 3, 1, 0 }, null, CancellationToken.None);
            // outer.tags.item: row0 ["a","b"], row1 [], row2 outer null
            await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(f[1], new[] { "a".AsMemory(), "b".AsMemory() }, new[] { 4, 4, 2, 0 }, new[] { 0, 1, 0, 0 }, CancellationToken.None);
            // matrix.row.v (required ints): row0 [[1,2],[3]], row1 [[]] (def 3; def 2 would be [null]), row2 null
            await rg.WriteAllPartsAsync<int>(f[2], new[] { 1, 2, 3 }, new[] { 4, 4, 4, 3, 0 }, new[] { 0, 2, 1, 0, 0 }, CancellationToken.None);
            // attrs: row0 {7: {on: true}}, row1 {8: null}, row2 {}
            await rg.WriteAllPartsAsync<int>(f[3], new[] { 7, 8 }, new[] { 2, 2, 1 }, new[] { 0, 0, 0 }, CancellationToken.None);
            await rg.WriteAllPartsAsync<bool>(f[4], new[] { true }, new[] { 4, 2, 1 }, new[] { 0, 0, 0 }, CancellationToken.None);
        });

        await using var reader = await OpenAsync(file, "t/deep.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal("""{"inner":{"x":1.5},"tags":["a","b"]}""", rows[0][0]);
        Assert.Equal("""{"inner":null,"tags":[]}""", rows[1][0]);
        Assert.Null(rows[2][0]);
        Assert.Equal("[[1,2],[3]]", rows[0][1]);
        Assert.Equal("[[]]", rows[1][1]);
        Assert.Null(rows[2][1]);
        Assert.Equal("""[{"key":7,"value":{"on":true}}]""", rows[0][2]);
        Assert.Equal("""[{"key":8,"value":null}]""", rows[1][2]);
        Assert.Equal("[]", rows[2][2]);
    }

    [Fact]
    public async Task ReadBatchesAsync_NestedAcrossRowGroups_CountsAndNullsPerGroup()
    {
        var schema = new ParquetSchema(new StructField("st", new DataField<int?>("a")));
        Func<Parquet.ParquetRowGroupWriter, DataField[], Task> Group(int[] defs) => (rg, f) =>
            rg.WriteAllPartsAsync<int>(f[0], Enumerable.Repeat(1, defs.Count(d => d == 2)).ToArray(), defs, null, CancellationToken.None);
        using var file = await ParquetTestFiles.WriteAsync(schema, Group([2, 0, 1]), Group([0, 0]));

        await using var reader = await OpenAsync(file, "t/st.parquet");
        var nulls = new List<int>();
        await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            nulls.Add(batch["st"].CountNulls());
        }

        Assert.Equal([1, 2], nulls);
    }

    [Fact]
    public async Task ReadBatchesAsync_TimestampNotAdjustedToUtc_WallClockReadAsUtc()
    {
        var schema = new ParquetSchema(new DateTimeDataField("local", DateTimeFormat.Timestamp, false, DateTimeTimeUnit.Micros));
        var wallClock = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Unspecified);
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) => await rg.WriteAsync<DateTime>(f[0], new[] { wallClock }));

        await using var reader = await OpenAsync(file, "t/local.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal("TIMESTAMP(MICROS,LOCAL)", reader.Schema.Columns[0].SourceType);
        Assert.Equal(DateTime.SpecifyKind(wallClock, DateTimeKind.Utc), rows[0][0]);
    }

    [Fact]
    public async Task ReadBatchesAsync_LegacyRepeatedPrimitive_JsonArrays()
    {
        var schema = new ParquetSchema(new DataField("arr", typeof(int), isNullable: false, isArray: true), new DataField<string>("req", false));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAllPartsAsync<int>(f[0], new[] { 1, 2, 3 }, new[] { 1, 1, 0, 1 }, new[] { 0, 1, 0, 0 }, CancellationToken.None);
            await rg.WriteAsync(f[1], new[] { "a", "b", "c" });
        });

        await using var reader = await OpenAsync(file, "t/arr.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(DataKind.Nested, reader.Schema.Columns[0].Kind);
        Assert.Equal(["[1,2]", "[]", "[3]"], rows.Select(r => r[0]));
        Assert.Equal(["a", "b", "c"], rows.Select(r => r[1]));
        Assert.False(reader.Schema.Columns[1].IsNullable);
    }

    [Fact]
    public async Task ReadBatchesAsync_UuidColumns_ReadAsText()
    {
        var id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
        var schema = new ParquetSchema(new DataField<Guid>("id"), new DataField<Guid?>("maybe"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync<Guid>(f[0], new[] { id });
            await rg.WriteAsync<Guid>(f[1], new Guid?[] { null });
        });

        await using var reader = await OpenAsync(file, "t/uuid.parquet");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal("UUID", reader.Schema.Columns[0].SourceType);
        Assert.Equal([id.ToString(), null], rows[0]);
    }
}
