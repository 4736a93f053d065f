using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Local;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class MetricHistoryTests
{
    private static readonly AnomalySpec RowCountRate = new() { Metric = AnomalyMetric.RowCount, Detector = AnomalyDetectorKind.RateOfChange, MaxIncrease = 2, MaxDecrease = 0.5 };

    private static readonly AnomalySpec MeanNormal = new() { Metric = AnomalyMetric.Mean, Column = "amount", Detector = AnomalyDetectorKind.OnlineNormal, Stddevs = 3, MinHistory = 3 };

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryKeyValueStore _kv;

    public MetricHistoryTests() => _kv = new InMemoryKeyValueStore(_time);

    private MetricHistory CreateSut() => new(_kv, _time);

    [Fact]
    public async Task RecordAsync_RateOfChange_FlagsExactlyThePartitionsThatJump()
    {
        double[] rows = [100, 110, 250, 240, 100, 90];
        var anomalous = new List<bool>();

        for (var i = 0; i < rows.Length; i++)
        {
            // A new instance per object: the history lives in the store, not in the processor.
            var verdicts = await CreateSut().RecordAsync("ds", $"ds/p{i}.csv", "v1", Metrics(rows[i]), [RowCountRate], default);
            anomalous.Add(Assert.Single(verdicts).Anomalous);
        }

        // 250/110 = 2.27 > 2; 100/240 = 0.42 < 0.5; the rest stay within [0.5, 2].
        Assert.Equal([false, false, true, false, true, false], anomalous);
        var history = await CreateSut().ReadAsync("ds").ToListAsync();
        Assert.Equal([1L, 2, 3, 4, 5, 6], history.Select(h => h.Sequence));
        Assert.Equal(rows, history.Select(h => h.Metrics["row_count"]));
        Assert.Equal("ds/p2.csv", history.Single(h => h.Anomalies.Any(a => a.Anomalous) && h.Sequence == 3).ObjectKey);
    }

    [Fact]
    public async Task RecordAsync_OnlineNormal_IgnoresASpikeInItsHistory()
    {
        double[] means = [10, 11, 12, 50, 12, 11.5];
        var verdicts = new List<ServerlessPrep.Core.Quality.AnomalyVerdict>();
        for (var i = 0; i < means.Length; i++)
        {
            verdicts.Add(Assert.Single(await CreateSut().RecordAsync("ds", $"ds/p{i}.csv", "v1", Metrics(100, means[i]), [MeanNormal], default)));
        }

        Assert.Equal([false, false, false, true, false, false], verdicts.Select(v => v.Anomalous));
        Assert.Equal([false, false, false, true, true, true], verdicts.Select(v => v.Judged));
        // After the spike the normal range is still that of 10, 11, 12: mean 11, σ 1.
        Assert.Equal(11, verdicts[4].Baseline!.Value, 12);
        Assert.Equal(14, verdicts[4].Upper!.Value, 12);
        Assert.Equal(3, verdicts[4].History);
    }

    [Fact]
    public async Task RecordAsync_QuarantinedSpike_IsNoBaselineForTheNextObject()
    {
        var quarantining = RowCountRate with { Action = MonitorAction.Quarantine };
        double[] rows = [100, 110, 400, 120, 115];
        var verdicts = new List<ServerlessPrep.Core.Quality.AnomalyVerdict>();

        foreach (var (value, i) in rows.Select((v, i) => (v, i)))
        {
            verdicts.Add(Assert.Single(await CreateSut().RecordAsync("ds", $"ds/p{i}.csv", "v1", Metrics(value), [quarantining], default)));
        }

        // 400 / 110 > 2 quarantines p2; p3 is compared with 110 (the last accepted), not with 400 (which would be 0.3 < 0.5).
        Assert.Equal([false, false, true, false, false], verdicts.Select(v => v.Anomalous));
        Assert.Equal(110, verdicts[3].Baseline);
        Assert.True((await CreateSut().ReadAsync("ds").ToListAsync())[2].Quarantined);
    }

    [Fact]
    public async Task RecordAsync_QuarantinedByDrift_ValuesKeptButNoBaseline()
    {
        await CreateSut().RecordAsync("ds", "ds/a.csv", "v1", Metrics(100), [RowCountRate], default);
        await CreateSut().RecordAsync("ds", "ds/b.csv", "v1", Metrics(1000), [RowCountRate], default, quarantinedByDrift: true);

        var next = Assert.Single(await CreateSut().RecordAsync("ds", "ds/c.csv", "v1", Metrics(105), [RowCountRate], default));

        Assert.Equal(100, next.Baseline);
        Assert.False(next.Anomalous);
    }

    [Fact]
    public async Task RecordAsync_SameObjectAgain_ReturnsTheStoredVerdictWithoutASecondEntry()
    {
        await CreateSut().RecordAsync("ds", "ds/a.csv", "v1", Metrics(100), [RowCountRate], default);
        var first = await CreateSut().RecordAsync("ds", "ds/b.csv", "v1", Metrics(300), [RowCountRate], default);

        var retried = await CreateSut().RecordAsync("ds", "ds/b.csv", "v1", Metrics(300), [RowCountRate], default);

        Assert.True(Assert.Single(first).Anomalous);
        Assert.Equal(first, retried);
        Assert.Equal(2, await CreateSut().ReadAsync("ds").CountAsync());
    }

    [Fact]
    public async Task RecordAsync_ConcurrentObjects_EachGetsItsOwnPlaceInTheOrder()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => CreateSut().RecordAsync("ds", $"ds/p{i}.csv", "v1", Metrics(100 + i), [RowCountRate], default))));

        var history = await CreateSut().ReadAsync("ds").ToListAsync();

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), history.Select(h => h.Sequence));
        Assert.Equal(8, history.Select(h => h.ObjectKey).Distinct().Count());
        // Each entry was judged against the entry before it in that order.
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].Metrics["row_count"], history[i].Anomalies[0].Baseline);
        }
    }

    [Fact]
    public async Task RecordAsync_CheckAddedLater_StartsFromTheStoredHistory()
    {
        foreach (var (mean, i) in new double[] { 10, 11, 12 }.Select((m, i) => (m, i)))
        {
            await CreateSut().RecordAsync("ds", $"ds/p{i}.csv", "v1", Metrics(100, mean), [RowCountRate], default);
        }

        var verdict = Assert.Single(await CreateSut().RecordAsync("ds", "ds/p3.csv", "v1", Metrics(100, 20), [MeanNormal], default));

        Assert.True(verdict.Judged);
        Assert.True(verdict.Anomalous);
        Assert.Equal(11, verdict.Baseline!.Value, 12);
    }

    private static Dictionary<string, double> Metrics(double rows, double? mean = null)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["row_count"] = rows };
        if (mean is { } m)
        {
            metrics["mean.amount"] = m;
        }

        return metrics;
    }
}
