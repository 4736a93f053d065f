using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Local;
using ServerlessPrep.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>
/// Chaos-lite, in process: generated objects (5 % corrupt), at-least-once events (duplicated, shuffled, stale versions late),
/// 5 % of storage calls failing transiently, eight concurrent workers. The end state must equal a clean sequential run's.
/// Size: SERVERLESSPREP_CHAOS_OBJECTS (default 200); seed: SERVERLESSPREP_CHAOS_SEED.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int Workers = 8;
    private const double FaultRate = 0.05;
    private const double ReadFaultRate = 0.005;
    private const int MaxRounds = 400;

    /// <summary>High enough that no good object becomes poison under 5 % faults (the poison path has its own test).</summary>
    private const int MaxAttempts = 60;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly Workspace _clean = new();
    private readonly Workspace _chaos = new();

    public void Dispose()
    {
        _clean.Dispose();
        _chaos.Dispose();
    }

    [Fact]
    public async Task ProcessAsync_AtLeastOnceEventsWithFaultsAndConcurrentWorkers_EndStateEqualsCleanSequentialRun()
    {
        var objects = EnvInt("SERVERLESSPREP_CHAOS_OBJECTS", 200);
        var seed = EnvInt("SERVERLESSPREP_CHAOS_SEED", 20261125);
        var lake = await ChaosLake.GenerateAsync(objects, seed);
        await lake.WriteToAsync(_clean);
        await lake.WriteToAsync(_chaos);
        var stopwatch = Stopwatch.StartNew();

        var cleanTally = await RunCleanAsync(lake);
        var cleanElapsed = stopwatch.Elapsed;
        var faults = new FaultInjector(seed, FaultRate, ReadFaultRate);
        var (tally, rounds, leaseExpiries) = await RunChaosAsync(lake, faults);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"objects {objects} (corrupt {lake.Corrupt.Count}, two versions {lake.Versions.Count(v => v.Value == 2)}), seed {seed}"));
        output.WriteLine($"clean run: processed {cleanTally.Processed}, quarantined {cleanTally.Quarantined}, {cleanElapsed.TotalSeconds:F1} s");
        output.WriteLine($"chaos run: events {lake.AtLeastOnceEvents().Count}, processed {tally.Processed}, skipped {tally.Skipped}, quarantined {tally.Quarantined}, " +
            $"retries (redeliveries) {tally.Redeliveries} of which thrown {tally.Thrown}, injected faults {faults.Injected} ({FaultRate:P0} of store calls, {ReadFaultRate:P1} of stream reads), rounds {rounds}, lease expiries {leaseExpiries}, " +
            $"{(stopwatch.Elapsed - cleanElapsed).TotalSeconds:F1} s");

        Assert.True(tally.Unexpected.IsEmpty, string.Join("\n", tally.Unexpected));
        Assert.Equal(lake.Corrupt.Count, cleanTally.Quarantined);
        Assert.All(tally.ProcessedPerVersion, p => Assert.True(p.Value == 1, $"{LakeData.Key(p.Key.Index)} {p.Key.Version} processed {p.Value} times"));
        await AssertFinalStatesAsync(lake);
        AssertSameFiles("features/");
        AssertSameFiles("_quarantine/", ".error.json", compareBytes: false);
        await AssertSameOnlineFeaturesAsync();
    }

    private static int EnvInt(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private async Task<ChaosTally> RunCleanAsync(ChaosLake lake)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var worker = _clean.CreateWorker(LakeData.Specs, Options(_clean), time);
        var tally = new ChaosTally();
        foreach (var e in lake.LatestEvents())
        {
            Assert.False(tally.Add(e, await worker.Processor.ProcessAsync(e.Created)), e.Created.Key);
        }

        return tally;
    }

    /// <summary>
    /// Rounds of deliveries: in each, the workers drain the pending events concurrently; events handed back go to the next round.
    /// Between rounds (no run in flight) the clock moves past the lease when a round made no progress, as it would in real time.
    /// </summary>
    private async Task<(ChaosTally Tally, int Rounds, int LeaseExpiries)> RunChaosAsync(ChaosLake lake, FaultInjector faults)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var workers = Enumerable.Range(0, Workers)
            .Select(_ => _chaos.CreateWorker(LakeData.Specs, Options(_chaos), time, kv => new FaultyKeyValueStore(kv, faults), store => new FaultyObjectStore(store, faults)))
            .ToArray();
        var tally = new ChaosTally();
        var pending = lake.AtLeastOnceEvents();
        int rounds = 0, leaseExpiries = 0;
        while (pending.Count > 0)
        {
            Assert.True(++rounds <= MaxRounds, $"{pending.Count} events still pending after {MaxRounds} rounds");
            var queue = new ConcurrentQueue<ChaosEvent>(pending);
            var again = new ConcurrentQueue<ChaosEvent>();
            await Task.WhenAll(workers.Select(w => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var e))
                {
                    bool redeliver;
                    try
                    {
                        redeliver = tally.Add(e, await w.Processor.ProcessAsync(e.Created));
                    }
                    catch (Exception ex)
                    {
                        redeliver = tally.Add(e, ex);
                    }

                    if (redeliver)
                    {
                        again.Enqueue(e);
                    }
                }
            })));

            if (again.Count == pending.Count)
            {
                time.Advance(Lease + TimeSpan.FromSeconds(1));
                leaseExpiries++;
            }

            pending = [.. again];
        }

        return (tally, rounds, leaseExpiries);
    }

    private static ProcessorOptions Options(Workspace workspace)
        => workspace.Options(Lease, MaxAttempts) with { TransientRetryDelay = TimeSpan.Zero };

    private async Task AssertFinalStatesAsync(ChaosLake lake)
    {
        using var cleanKv = new SqliteKeyValueStore(_clean.KvPath);
        using var chaosKv = new SqliteKeyValueStore(_chaos.KvPath);
        var options = new ProcessorOptions();
        var clean = new ObjectClaims(cleanKv, TimeProvider.System, options);
        var chaos = new ObjectClaims(chaosKv, TimeProvider.System, options);
        var outputs = await _chaos.ListOutputsAsync();
        var maxAttempts = 0;
        foreach (var i in lake.Indexes)
        {
            var key = LakeData.Key(i);
            var dataset = key[..key.IndexOf('/', StringComparison.Ordinal)];
            var expected = (await clean.GetAsync(dataset, key, default))!;
            var actual = await chaos.GetAsync(dataset, key, default);
            Assert.NotNull(actual);
            Assert.True(actual.Status is RecordStatus.Completed or RecordStatus.Quarantined, $"{key}: {actual.Status} {actual.Reason}");
            Assert.True(expected.Status == actual.Status, $"{key}: expected {expected.Status}, got {actual.Status}: {actual.Reason}");
            Assert.Equal($"v{lake.Versions[i]}", actual.Version);
            maxAttempts = Math.Max(maxAttempts, actual.Attempts);
            var stem = Path.ChangeExtension(key[(dataset.Length + 1)..], null);
            if (actual.Status == RecordStatus.Quarantined)
            {
                Assert.Contains(key, actual.Reason, StringComparison.Ordinal);
                Assert.Contains($"_quarantine/{dataset}/{stem}.error.json", outputs);
                Assert.DoesNotContain($"features/{dataset}/{stem}.parquet", outputs);
            }
            else
            {
                Assert.Contains($"_manifests/{dataset}/{stem}.json", outputs);
                Assert.DoesNotContain($"_quarantine/{dataset}/{stem}.error.json", outputs);
            }
        }

        output.WriteLine($"most attempts recorded for one object: {maxAttempts}");
    }

    private void AssertSameFiles(string prefix, string suffix = "", bool compareBytes = true)
    {
        var expected = Files(_clean, prefix, suffix);
        var actual = Files(_chaos, prefix, suffix);
        Assert.Equal(expected, actual);
        if (compareBytes)
        {
            Assert.All(expected, key => Assert.True(_clean.ReadOutput(key).AsSpan().SequenceEqual(_chaos.ReadOutput(key)), $"{key} differs from the clean run"));
        }
    }

    private static List<string> Files(Workspace workspace, string prefix, string suffix)
    {
        var root = workspace.OutputDirectory;
        var folder = Path.Combine(root, prefix);
        return !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => f.EndsWith(suffix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
    }

    private async Task AssertSameOnlineFeaturesAsync()
    {
        using var cleanKv = new SqliteKeyValueStore(_clean.KvPath);
        using var chaosKv = new SqliteKeyValueStore(_chaos.KvPath);
        var compared = 0;
        foreach (var dataset in LakeData.Datasets)
        {
            for (var e = 0; e < LakeData.Entities; e++)
            {
                var pk = KvKeys.Entity(dataset, LakeData.Entity(dataset, e));
                var expected = await cleanKv.GetAsync(pk, KvKeys.OnlineFeatures);
                var actual = await chaosKv.GetAsync(pk, KvKeys.OnlineFeatures);
                Assert.Equal(expected is null, actual is null);
                if (expected is not null)
                {
                    Assert.True(expected.Value.Span.SequenceEqual(actual!.Value.Span), $"online features of {pk} differ: {expected.ValueAsString} vs {actual.ValueAsString}");
                    compared++;
                }
            }
        }

        Assert.True(compared > 0, "no online features were written");
        output.WriteLine($"online features compared: {compared} entities");
    }
}
