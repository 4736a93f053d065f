using Parquet;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.Reading;
using ServerlessPrep.Core.Writing;

namespace ServerlessPrep.Core.Tests.Writing;

public sealed class ParquetBatchWriterTests
{
    private static readonly BatchSchema Schema = new(
    [
        new ColumnSchema("b", DataKind.Boolean),
        new ColumnSchema("i", DataKind.Int64),
        new ColumnSchema("d", DataKind.Double),
        new ColumnSchema("s", DataKind.String),
        new ColumnSchema("ts", DataKind.Timestamp),
        new ColumnSchema("day", DataKind.Date),
        new ColumnSchema("nested", DataKind.Nested),
    ]);

    private static readonly Dictionary<string, string> Metadata = new() { ["serverlessprep.version"] = "1", ["a.first"] = "x" };

    private static RowBatch CreateBatch(int offset)
    {
        var ts = TimeUnits.FromDateTime(new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc)) + 9 + offset;
        var day = TimeUnits.FromDateOnly(new DateOnly(1999, 12, 31));
        return new RowBatch(
            Schema,
            [
                new BooleanColumn("b", [true, false, false], [false, false, true], 3),
                new Int64Column("i", [long.MinValue, offset, 0], [false, false, true], 3),
                new DoubleColumn("d", [double.NaN, -0.5, 0], [false, false, true], 3),
                new StringColumn("s", ["x", "", null], 3),
                new Int64Column("ts", [ts, 0, 0], [false, false, true], 3, DataKind.Timestamp),
                new Int64Column("day", [day, 0, 0], [false, false, true], 3, DataKind.Date),
                new StringColumn("nested", ["{\"a\":[1,2]}", null, null], 3, DataKind.Nested),
            ],
            3);
    }

    private static async Task<byte[]> WriteAsync(params RowBatch[] batches)
    {
        using var output = new MemoryStream();
        await using (var writer = await ParquetBatchWriter.CreateAsync(output, Schema, Metadata, CancellationToken.None))
        {
            foreach (var batch in batches)
            {
                await writer.WriteAsync(batch, CancellationToken.None);
            }
        }

        return output.ToArray();
    }

    [Fact]
    public async Task WriteAsync_EveryKindWithNulls_RoundTripsThroughReader()
    {
        var bytes = await WriteAsync(CreateBatch(0), CreateBatch(10));

        await using var reader = await BatchReaderFactory.OpenAsync(
            new MemoryStream(bytes), "out/f.parquet", InputFormat.Auto, new CsvOptions(), ReaderOptions.Default, CancellationToken.None);
        var (rows, sizes) = await ReaderTestHelpers.ReadAllAsync(reader);

        Assert.Equal([3, 3], sizes);
        Assert.Equal(
            [DataKind.Boolean, DataKind.Int64, DataKind.Double, DataKind.String, DataKind.Timestamp, DataKind.Date, DataKind.String],
            reader.Schema.Columns.Select(c => c.Kind));
        var expected = CreateBatch(0);
        for (var c = 0; c < expected.Columns.Length; c++)
        {
            for (var r = 0; r < 3; r++)
            {
                Assert.Equal(expected.Columns[c].GetValue(r), rows[r][c]);
            }
        }

        Assert.Equal(10L, rows[4][1]);
        Assert.Equal(((DateTime)rows[0][4]!).AddTicks(100), rows[3][4]);
    }

    [Fact]
    public async Task WriteAsync_SameInputTwice_ByteIdenticalFiles()
    {
        var first = await WriteAsync(CreateBatch(0), CreateBatch(1));
        var second = await WriteAsync(CreateBatch(0), CreateBatch(1));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task CreateAsync_KeyValueMetadata_WrittenToFooter()
    {
        var bytes = await WriteAsync(CreateBatch(0));

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));

        Assert.Equal("1", reader.CustomMetadata["serverlessprep.version"]);
        Assert.Equal("x", reader.CustomMetadata["a.first"]);
        Assert.Equal(1, reader.RowGroupCount);
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_WritesNoRowGroup()
    {
        var empty = new RowBatch(
            Schema,
            Schema.Columns.Select<ColumnSchema, Column>(c => c.Kind switch
            {
                DataKind.Boolean => new BooleanColumn(c.Name, [], null, 0),
                DataKind.Double => new DoubleColumn(c.Name, [], null, 0),
                DataKind.String or DataKind.Nested => new StringColumn(c.Name, [], 0, c.Kind),
                _ => new Int64Column(c.Name, [], null, 0, c.Kind),
            }).ToList(),
            0);

        var bytes = await WriteAsync(empty);
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));

        Assert.Equal(0, reader.RowGroupCount);
    }

    [Fact]
    public async Task WriteAsync_BatchWithOtherSchema_ThrowsArgumentException()
    {
        using var output = new MemoryStream();
        await using var writer = await ParquetBatchWriter.CreateAsync(output, Schema, Metadata, CancellationToken.None);
        var other = new RowBatch(new BatchSchema([new ColumnSchema("x", DataKind.Int64)]), [new Int64Column("x", [1], null, 1)], 1);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(other, CancellationToken.None));

        Assert.Contains("x:Int64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_StringColumns_DictionaryEncoded()
    {
        var schema = new BatchSchema([new ColumnSchema("s", DataKind.String)]);
        var values = Enumerable.Range(0, 5000).Select(i => $"category-{i % 3}").ToArray<string?>();
        using var output = new MemoryStream();
        await using (var writer = await ParquetBatchWriter.CreateAsync(output, schema, new Dictionary<string, string>(), CancellationToken.None))
        {
            await writer.WriteAsync(new RowBatch(schema, [new StringColumn("s", values, values.Length)], values.Length), CancellationToken.None);
        }

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(output.ToArray()));
        var chunk = reader.Metadata!.RowGroups[0].Columns[0].MetaData!;

        Assert.True(chunk.Encodings.Contains(Parquet.Meta.Encoding.RLE_DICTIONARY) || chunk.Encodings.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY), string.Join(",", chunk.Encodings) + " size " + output.Length);
        Assert.Equal(Parquet.Meta.CompressionCodec.SNAPPY, chunk.Codec);
    }

    [Fact]
    public async Task WriteAsync_ColumnsWithoutNullMaskAndAllNull_RoundTripWithNullCounts()
    {
        var ts = TimeUnits.FromDateTime(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        var allNull = new[] { true, true, true };
        var batch = new RowBatch(
            Schema,
            [
                new BooleanColumn("b", [true, false, true], null, 3),
                new Int64Column("i", [1, 2, 3], null, 3),
                new DoubleColumn("d", [0, 0, 0], allNull, 3),
                new StringColumn("s", ["a", "b", "a"], 3),
                new Int64Column("ts", [ts, ts + 1, ts + 2], null, 3, DataKind.Timestamp),
                new Int64Column("day", [0, 0, 0], allNull, 3, DataKind.Date),
                new StringColumn("nested", [null, null, null], 3, DataKind.Nested),
            ],
            3);

        var bytes = await WriteAsync(batch, CreateBatch(0));
        await using var reader = await BatchReaderFactory.OpenAsync(
            new MemoryStream(bytes), "out/f.parquet", InputFormat.Auto, new CsvOptions(), ReaderOptions.Default, CancellationToken.None);
        var (rows, _) = await ReaderTestHelpers.ReadAllAsync(reader);
        await using var parquet = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        var nullCounts = parquet.Metadata!.RowGroups[0].Columns.Select(c => c.MetaData!.Statistics!.NullCount).ToArray();

        for (var c = 0; c < batch.Columns.Length; c++)
        {
            for (var r = 0; r < 3; r++)
            {
                Assert.Equal(batch.Columns[c].GetValue(r), rows[r][c]);
            }
        }

        Assert.Equal([0L, 0L, 3L, 0L, 0L, 3L, 3L], nullCounts);
        Assert.Equal(CreateBatch(0).Columns[1].GetValue(1), rows[4][1]);
    }
}
