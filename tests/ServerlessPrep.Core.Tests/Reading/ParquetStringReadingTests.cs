using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;
using static ServerlessPrep.Core.Tests.Reading.ReaderTestHelpers;

namespace ServerlessPrep.Core.Tests.Reading;

/// <summary>Strings are read as character slices plus definition levels; dictionary chunks share one string per entry.</summary>
public sealed class ParquetStringReadingTests
{
    private static ParquetOptions Dictionary(params string[] columns)
    {
        var options = new ParquetOptions();
        foreach (var c in columns)
        {
            options.ColumnEncodingHints[c] = EncodingHint.Dictionary;
        }

        return options;
    }

    private static string? Value(int row, int group) => row % 5 == 0 ? null : $"cat-{(row + group) % 3}";

    private static async Task<List<(string?[] Values, long First)>> ReadStringsAsync(Stream file, string column)
    {
        await using var reader = await OpenAsync(file, "t/s.parquet");
        var batches = new List<(string?[], long)>();
        await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            batches.Add((((StringColumn)batch[column]).Values.ToArray(), batch.FirstRowIndex));
        }

        return batches;
    }

    [Fact]
    public async Task ReadBatchesAsync_DictionaryChunksWithNulls_ValuesInPlaceAndOneStringPerEntry()
    {
        var schema = new ParquetSchema(new DataField<string>("s", nullable: true));
        Func<ParquetRowGroupWriter, DataField[], Task> Group(int group, int rows) =>
            (rg, f) => rg.WriteAsync(f[0], Enumerable.Range(0, rows).Select(i => Value(i, group)).ToArray());
        using var file = await ParquetTestFiles.WriteAsync(schema, Dictionary("s"), Group(0, 1000), Group(1, 7));
        await using (var check = await ParquetReader.CreateAsync(file, leaveStreamOpen: true))
        {
            Assert.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY, check.Metadata!.RowGroups[0].Columns[0].MetaData!.Encodings);
        }

        file.Position = 0;
        var batches = await ReadStringsAsync(file, "s");

        Assert.Equal(2, batches.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => Value(i, 0)), batches[0].Values);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => Value(i, 1)), batches[1].Values);
        var instances = batches[0].Values.Where(v => v is not null).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.Equal(3, instances);
    }

    [Fact]
    public async Task ReadBatchesAsync_PlainChunkWithNullsEmptyAndUnicode_ExactValues()
    {
        var schema = new ParquetSchema(new DataField<string>("s", nullable: true), new DataField<int>("n"));
        string?[] values = [null, "", "héllo wörld", "日本語", null, " padded ", "\u0001", new string('x', 10_000), null];
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync(f[0], values);
            await rg.WriteAsync<int>(f[1], Enumerable.Range(0, values.Length).ToArray());
        });

        var batches = await ReadStringsAsync(file, "s");

        Assert.Equal(values, Assert.Single(batches).Values);
    }

    [Fact]
    public async Task ReadBatchesAsync_RequiredStringField_NoNullsAndReusedBuffersAcrossGroups()
    {
        var schema = new ParquetSchema(new DataField<string>("s", nullable: false));
        using var file = await ParquetTestFiles.WriteAsync(
            schema,
            (rg, f) => rg.WriteAsync(f[0], Enumerable.Range(0, 300).Select(i => $"a{i}").ToArray()),
            (rg, f) => rg.WriteAsync(f[0], Enumerable.Range(0, 2).Select(i => $"b{i}").ToArray()));

        var batches = await ReadStringsAsync(file, "s");

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"a{i}"), batches[0].Values);
        Assert.Equal(new string?[] { "b0", "b1" }, batches[1].Values);
        Assert.Equal([0L, 300L], batches.Select(b => b.First));
    }

    [Fact]
    public async Task ReadBatchesAsync_LargeHighCardinalityColumn_MatchesWrittenValues()
    {
        // A dictionary hint on unique values: Parquet.Net falls back to plain encoding; every value must still be its own text.
        var schema = new ParquetSchema(new DataField<string>("s", nullable: true));
        var values = Enumerable.Range(0, 50_000).Select(i => i % 7 == 3 ? null : $"row {i} {new string('z', i % 40)}").ToArray();
        using var file = await ParquetTestFiles.WriteAsync(schema, Dictionary("s"), (rg, f) => rg.WriteAsync(f[0], values));

        var batches = await ReadStringsAsync(file, "s");

        // One 50,000-row group comes as batches of at most ReaderOptions.ChunkRows (32,768) rows.
        Assert.Equal(values, batches.SelectMany(b => b.Values));
        Assert.Equal([0L, 32_768L], batches.Select(b => b.First));
    }
}
