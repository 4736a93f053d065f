using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Local;
using ServerlessPrep.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>
/// Real crashes: worker processes (tests/ServerlessPrep.ChaosWorker: the real processor over the file-system object store and the
/// shared SQLite file) SIGKILL themselves at a chosen operation (inside a read, after an output write, just before or after the
/// manifest, before a processing-record write, after the final record, during the online-feature update), and the harness
/// SIGKILLs others at random wall-clock times. Deliveries a dead worker did not report are redelivered to new processes; up to
/// three run at once. The end state must equal a clean sequential run's, and no object version may be reported processed twice.
/// Size: SERVERLESSPREP_CHAOS_SCALE (× 100 objects, default 1); seed: SERVERLESSPREP_SIGKILL_SEED (default: random, printed).
/// </summary>
public sealed class SigkillChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int ObjectsPerScale = 100;
    private const int Concurrency = 3;
    private const int ChunkSize = 16;
    private const double SelfKillRate = 0.7;
    private const double HarnessKillRate = 0.2;

    /// <summary>Real time: a killed run's object is busy for this long, then taken over (a failed attempt).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RedeliveryDelay = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Each kill while an object is in flight costs it one attempt; enough that a good object survives a streak of bad luck.</summary>
    private const int MaxAttempts = 10;
    private readonly Workspace _clean = new();
    private readonly Workspace _chaos = new();

    public void Dispose()
    {
        _clean.Dispose();
        _chaos.Dispose();
    }

    [Fact]
    public async Task Workers_SigkilledAtChosenPointsAndRandomTimesThenRestarted_EndStateEqualsCleanSequentialRun()
    {
        var scale = EnvInt("SERVERLESSPREP_CHAOS_SCALE", 1);
        var seed = EnvInt("SERVERLESSPREP_SIGKILL_SEED", Random.Shared.Next(1, int.MaxValue));
        output.WriteLine($"seed {seed} (rerun with SERVERLESSPREP_SIGKILL_SEED={seed}), scale {scale}");
        Assert.True(File.Exists(WorkerProcess.WorkerDll), $"build the worker first: {WorkerProcess.WorkerDll}");
        var lake = await ChaosLake.GenerateAsync(ObjectsPerScale * scale, seed);
        await lake.WriteToAsync(_clean);
        await lake.WriteToAsync(_chaos);
        await File.WriteAllTextAsync(Path.Combine(_chaos.Root, "spec.yaml"), LakeData.SpecYaml);

        var stopwatch = Stopwatch.StartNew();
        await RunCleanAsync(lake);
        var cleanElapsed = stopwatch.Elapsed;
        var deliveries = lake.AtLeastOnceEvents();
        var tally = await RunChaosAsync(deliveries, new Random(seed), WorkerTimeout * 4 * scale);
        var versions = lake.Versions.Values.Sum();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"objects {lake.Indexes.Count} ({lake.Corrupt.Count} corrupt, {lake.Versions.Count(v => v.Value == 2)} with two versions); events {deliveries.Count} for {versions} object versions ({deliveries.Count - versions} duplicates), shuffled, older versions late"));
        output.WriteLine($"clean sequential run {cleanElapsed.TotalSeconds:F1} s; chaos run {(stopwatch.Elapsed - cleanElapsed).TotalSeconds:F1} s");
        output.WriteLine(tally.Report());

        Assert.All(tally.ProcessedPerVersion, p => Assert.True(p.Value == 1, $"{LakeData.Key(p.Key.Index)} {p.Key.Version} reported processed {p.Value} times"));
        Assert.All(tally.QuarantinedPerVersion, p => Assert.True(p.Value == 1, $"{LakeData.Key(p.Key.Index)} {p.Key.Version} reported quarantined {p.Value} times"));
        var accounting = await AssertSameRecordsAsync(lake);
        output.WriteLine(accounting);
        OutputComparison.AssertSameBytes(_clean, _chaos, "features/");
        OutputComparison.AssertSameBytes(_clean, _chaos, "_profiles/");
        OutputComparison.AssertSameManifests(_clean, _chaos);
        Assert.Equal(OutputComparison.Files(_clean, "_quarantine/"), OutputComparison.Files(_chaos, "_quarantine/"));
        Assert.Equal(
            OutputComparison.Files(_clean).Where(k => !k.StartsWith("_lineage/", StringComparison.Ordinal)),
            OutputComparison.Files(_chaos).Where(k => !k.StartsWith("_lineage/", StringComparison.Ordinal)));
        await AssertSameOnlineFeaturesAsync();
        AssertSqliteHealthy();
        output.WriteLine($"hidden staging files left by killed puts (never listed, never read): {OutputComparison.HiddenLeftovers(_chaos)}");
    }

    private static int EnvInt(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private async Task RunCleanAsync(ChaosLake lake)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var worker = _clean.CreateWorker(LakeData.Specs, _clean.Options(Lease, MaxAttempts), time);
        foreach (var e in lake.LatestEvents())
        {
            var outcome = await worker.Processor.ProcessAsync(e.Created);
            Assert.True(outcome.Status is ObjectStatus.Processed or ObjectStatus.Quarantined, $"{e.Created.Key}: {outcome.Status} {outcome.Reason}");
        }
    }

    /// <summary>
    /// The harness is the queue: it hands chunks of pending deliveries to new worker processes, up to three at a time, and puts
    /// back every delivery a worker did not report (killed) or reported as retryable, after a short delay.
    /// </summary>
    private async Task<SigkillTally> RunChaosAsync(List<ChaosEvent> events, Random random, TimeSpan limit)
    {
        var harness = Path.Combine(_chaos.Container, "harness");
        Directory.CreateDirectory(harness);
        var tally = new SigkillTally();
        var pending = events.Select((e, i) => (Delivery: i, Event: e, ReadyAt: TimeSpan.Zero)).ToList();
        var running = new List<(WorkerProcess Worker, Stopwatch Clock)>();
        var clock = Stopwatch.StartNew();
        while (pending.Count > 0 || running.Count > 0)
        {
            Assert.True(clock.Elapsed < limit, $"not done after {limit}: {pending.Count} deliveries pending\n{tally.Report()}");
            while (running.Count < Concurrency && pending.Any(p => p.ReadyAt <= clock.Elapsed))
            {
                var chunk = pending.Where(p => p.ReadyAt <= clock.Elapsed).Take(ChunkSize).ToList();
                pending.RemoveAll(p => chunk.Any(c => c.Delivery == p.Delivery));
                var plan = KillPlan.Draw(random, SelfKillRate, HarnessKillRate);
                running.Add((WorkerProcess.Start(_chaos.Root, harness, tally.Processes++, chunk.Select(c => (c.Delivery, c.Event)).ToList(), plan, Lease, MaxAttempts), Stopwatch.StartNew()));
            }

            await Task.WhenAny(running.Select(r => r.Worker.Exited).Append(Task.Delay(200)));
            foreach (var (worker, started) in running.ToList())
            {
                if (!worker.Exited.IsCompleted)
                {
                    Assert.True(started.Elapsed < WorkerTimeout, $"a worker hung for {WorkerTimeout} (plan {worker.Plan})");
                    continue;
                }

                running.RemoveAll(r => r.Worker == worker);
                foreach (var redeliver in await CollectAsync(worker, tally))
                {
                    pending.Add((redeliver.Delivery, redeliver.Event, clock.Elapsed + RedeliveryDelay));
                }
            }
        }

        return tally;
    }

    private static async Task<List<(int Delivery, ChaosEvent Event)>> CollectAsync(WorkerProcess worker, SigkillTally tally)
    {
        var (exitCode, stderr) = await worker.ResultAsync();
        Assert.True(exitCode is 0 or 137, $"worker crashed with exit code {exitCode} (plan {worker.Plan}):\n{stderr}");
        var selfKill = worker.SelfKillPoint;
        if (selfKill is not null)
        {
            tally.AddSelfKill(selfKill);
        }
        else if (exitCode == 137)
        {
            Assert.True(worker.KilledByHarness, "exit code 137 without a kill by the worker or the harness");
            tally.HarnessKills++;
        }

        if (worker.Plan.Point is not null && selfKill is null)
        {
            tally.PlannedKillsNotReached++;
        }

        var outcomes = worker.Outcomes();
        var redeliver = new List<(int, ChaosEvent)>();
        foreach (var (delivery, e) in worker.Chunk)
        {
            if (!outcomes.TryGetValue(delivery, out var outcome))
            {
                tally.UnreportedDeliveries++;
                redeliver.Add((delivery, e));
            }
            else if (tally.Add(e, outcome.Status, outcome.Reason))
            {
                redeliver.Add((delivery, e));
            }
        }

        return redeliver;
    }

    /// <summary>Every key ends in one final state, for its latest version, with the clean run's rows and outputs.</summary>
    private async Task<string> AssertSameRecordsAsync(ChaosLake lake)
    {
        using var cleanKv = new SqliteKeyValueStore(_clean.KvPath);
        using var chaosKv = new SqliteKeyValueStore(_chaos.KvPath);
        var clean = new ObjectClaims(cleanKv, TimeProvider.System, new ProcessorOptions());
        var chaos = new ObjectClaims(chaosKv, TimeProvider.System, new ProcessorOptions());
        int processed = 0, quarantined = 0, withFailedAttempts = 0, mostAttempts = 0;
        foreach (var i in lake.Indexes)
        {
            var key = LakeData.Key(i);
            var dataset = key[..key.IndexOf('/', StringComparison.Ordinal)];
            var expected = (await clean.GetAsync(dataset, key, default))!;
            var actual = await chaos.GetAsync(dataset, key, default);
            Assert.NotNull(actual);
            Assert.True(expected.Status == actual.Status, $"{key}: expected {expected.Status}, got {actual.Status}: {actual.Reason}");
            Assert.Equal($"v{lake.Versions[i]}", actual.Version);
            Assert.Equal((expected.RowsIn, expected.RowsOut, expected.RowsQuarantined), (actual.RowsIn, actual.RowsOut, actual.RowsQuarantined));
            Assert.Equal(expected.Outputs, actual.Outputs);
            if (actual.Status == RecordStatus.Quarantined)
            {
                Assert.Equal(expected.Reason, actual.Reason);
                quarantined++;
            }
            else
            {
                processed++;
            }

            withFailedAttempts += actual.Attempts > 0 ? 1 : 0;
            mostAttempts = Math.Max(mostAttempts, actual.Attempts);
        }

        Assert.Equal(lake.Indexes.Count, processed + quarantined);
        return $"accounting from the processing records: {lake.Indexes.Count} objects = {processed} processed + {quarantined} quarantined; " +
            $"{withFailedAttempts} objects needed more than one run (killed runs count as failed attempts), most failed attempts on one object {mostAttempts}";
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
        output.WriteLine($"online features equal to the clean run's for {compared} entities");
    }

    /// <summary>Processes killed mid-transaction must leave a consistent database, still in WAL mode.</summary>
    private void AssertSqliteHealthy()
    {
        using var connection = new SqliteConnection($"Data Source={_chaos.KvPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
        command.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", command.ExecuteScalar() as string);
        SqliteConnection.ClearPool(connection);
    }
}
