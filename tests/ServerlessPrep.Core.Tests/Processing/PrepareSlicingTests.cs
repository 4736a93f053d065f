using Parquet;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Processing;

/// <summary>A large input row group is prepared and written in slices: bounded output row groups, the same rows and values.</summary>
public sealed class PrepareSlicingTests : IDisposable
{
    private const string Spec = """
        name: orders
        entity: customer_id
        eventTime: ts
        columns:
          order_id: keep
          amount: { impute: { strategy: median, indicator: true }, transform: standardize }
          customer_id: { transform: { kind: hash, buckets: 4 } }
        rules:
          - { column: amount, check: range, min: 0 }
        split: { by: customer_id, salt: t }
        """;

    private const int Rows = 5_000;
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private static Data.RowBatch OneBigRowGroup()
    {
        var day = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return TestLake.Orders(
            [.. Enumerable.Range(0, Rows).Select(i => (long)i)],
            [.. Enumerable.Range(0, Rows).Select(i => $"c{i % 97}")],
            [.. Enumerable.Range(0, Rows).Select(i => i % 11 == 0 ? (double?)null : i % 13 == 0 ? -1 : i * 0.5)],
            [.. Enumerable.Range(0, Rows).Select(i => day.AddSeconds(i))]);
    }

    private async Task<(Dictionary<string, List<object?>> Features, long[] RowGroupSizes)> ProcessAsync(string key, int sliceRows)
    {
        var created = await _lake.PutParquetAsync(key, OneBigRowGroup());
        var options = new ProcessorOptions { TempDirectory = Path.Combine(_lake.Root, "tmp"), TransientRetryDelay = TimeSpan.Zero, PrepareSliceRows = sliceRows };
        var outcome = await _lake.CreateProcessor(SpecParser.Parse(Spec, "spec.yaml"), options).ProcessAsync(created);
        Assert.True(outcome.Status == ObjectStatus.Processed, outcome.ToString());
        var output = "features/" + key;
        await using var parquet = await ParquetReader.CreateAsync(new MemoryStream(await _lake.ReadOutputAsync(output)));
        return (await _lake.ReadFeaturesAsync(output), [.. parquet.Metadata!.RowGroups.Select(g => g.NumRows)]);
    }

    [Fact]
    public async Task ProcessAsync_RowGroupLargerThanSlice_BoundedOutputRowGroupsWithTheSameRows()
    {
        var (whole, wholeGroups) = await ProcessAsync("orders/whole/part-0.parquet", sliceRows: Rows);
        var (sliced, slicedGroups) = await ProcessAsync("orders/sliced/part-0.parquet", sliceRows: 1_024);

        Assert.Single(wholeGroups);
        Assert.True(slicedGroups.Length >= 5, $"{slicedGroups.Length} row groups");
        Assert.All(slicedGroups, n => Assert.InRange(n, 1, 1_024));
        Assert.Equal(wholeGroups.Sum(), slicedGroups.Sum());
        Assert.Equal(whole.Keys.Order(StringComparer.Ordinal), sliced.Keys.Order(StringComparer.Ordinal));
        foreach (var (column, values) in whole)
        {
            Assert.Equal(values, sliced[column]);
        }
    }

    [Fact]
    public async Task ProcessAsync_MoreRowGroupsThanAFileHolds_RollsToNumberedFilesListedInTheManifest()
    {
        var (whole, _) = await ProcessAsync("orders/one/part-0.parquet", sliceRows: 1_024);
        var created = await _lake.PutParquetAsync("orders/many/part-0.parquet", OneBigRowGroup());
        var options = new ProcessorOptions
        {
            TempDirectory = Path.Combine(_lake.Root, "tmp"),
            TransientRetryDelay = TimeSpan.Zero,
            PrepareSliceRows = 1_024,
            MaxRowGroupsPerFeaturesFile = 2,
        };

        var outcome = await _lake.CreateProcessor(SpecParser.Parse(Spec, "spec.yaml"), options).ProcessAsync(created);

        // 5,000 rows in 1,024-row groups are 5 row groups: files of 2, 2 and 1.
        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        string[] files = ["features/orders/many/part-0.parquet", "features/orders/many/part-0.f00001.parquet", "features/orders/many/part-0.f00002.parquet"];
        Assert.Equal(files.Order(StringComparer.Ordinal), (await _lake.ListOutputsAsync()).Where(k => k.StartsWith("features/orders/many/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var manifest = await _lake.ReadOutputTextAsync("_manifests/orders/many/part-0.json");
        Assert.All(files, f => Assert.Contains($"\"{f}\"", manifest, StringComparison.Ordinal));

        var rolled = new Dictionary<string, List<object?>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            await using var parquet = await ParquetReader.CreateAsync(new MemoryStream(await _lake.ReadOutputAsync(file)));
            Assert.InRange(parquet.RowGroupCount, 1, 2);
            foreach (var (column, values) in await _lake.ReadFeaturesAsync(file))
            {
                (rolled.TryGetValue(column, out var list) ? list : rolled[column] = []).AddRange(values);
            }
        }

        Assert.Equal(whole.Keys.Order(StringComparer.Ordinal), rolled.Keys.Order(StringComparer.Ordinal));
        foreach (var (column, values) in whole)
        {
            Assert.Equal(values, rolled[column]);
        }
    }
}
