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
        Assert.Equal(ObjectStatus.Processed, outcome.Status);
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
}
