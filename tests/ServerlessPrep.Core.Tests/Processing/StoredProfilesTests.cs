using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class StoredProfilesTests : IDisposable
{
    private static readonly DateTime Day = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    /// <summary>Four objects: eu/us × 2026-01-01/2026-01-02, with 2, 3, 4, 5 rows whose event times lie on their day.</summary>
    private async Task ProcessFourPartitionsAsync()
    {
        var specs = SpecParser.Parse("name: sales\nentity: customer_id\neventTime: ts\n", "spec.yaml");
        var rows = 2;
        foreach (var region in new[] { "eu", "us" })
        {
            foreach (var day in new[] { 0, 1 })
            {
                var n = rows++;
                var batch = TestLake.Orders(
                    [.. Enumerable.Range(0, n).Select(i => (long)i)],
                    [.. Enumerable.Range(0, n).Select(i => $"c{i}")],
                    [.. Enumerable.Range(0, n).Select(i => (double?)i)],
                    [.. Enumerable.Range(0, n).Select(i => Day.AddDays(day).AddHours(i))]);
                var created = await _lake.PutParquetAsync($"sales/region={region}/dt=2026-01-0{day + 1}/part-0.parquet", batch);
                Assert.Equal(ObjectStatus.Processed, (await _lake.CreateProcessor(specs).ProcessAsync(created)).Status);
            }
        }
    }

    [Theory]
    [InlineData(null, 4, 14)]
    [InlineData("region=eu", 2, 5)]
    [InlineData("dt>=2026-01-02", 2, 8)]
    [InlineData("region=us and dt<2026-01-02", 1, 4)]
    [InlineData("region=asia", 0, 0)]
    public async Task MergeAsync_PartitionFilter_MergesOnlyTheMatchingObjects(string? where, int objects, long rows)
    {
        await ProcessFourPartitionsAsync();
        var selection = new ProfileSelection { Where = where is null ? null : PartitionFilter.Parse(where) };

        var (profile, selected, total) = await StoredProfiles.MergeAsync(_lake.Kv, "sales", selection, default);

        Assert.Equal(4, total);
        Assert.Equal(objects, selected);
        Assert.Equal(objects, profile.ObjectCount);
        Assert.Equal(rows, profile.RowCount);
    }

    [Fact]
    public async Task MergeAsync_EventTimeRange_SelectsObjectsWhoseRangeOverlaps()
    {
        await ProcessFourPartitionsAsync();
        var selection = new ProfileSelection { Since = new DateTimeOffset(Day.AddDays(1)), EventTimeColumn = "ts" };

        var (profile, selected, _) = await StoredProfiles.MergeAsync(_lake.Kv, "sales", selection, default);

        Assert.Equal(2, selected); // the 2026-01-02 objects (3 and 5 rows)
        Assert.Equal(8, profile.RowCount);
    }

    [Fact]
    public async Task MergeAsync_TimeRangeWithoutEventTimeColumn_ClearError()
    {
        var selection = new ProfileSelection { Until = DateTimeOffset.UnixEpoch };

        var e = await Assert.ThrowsAsync<PartitionFilterException>(() => StoredProfiles.MergeAsync(_lake.Kv, "sales", selection, default));

        Assert.Contains("no eventTime column", e.Message, StringComparison.Ordinal);
    }
}
