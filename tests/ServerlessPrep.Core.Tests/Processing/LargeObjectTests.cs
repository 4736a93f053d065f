using System.Text.Json;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class LargeObjectTests : IDisposable
{
    private const string Key = "orders/date=2024-01-01/big.parquet";

    private const string OrdersSpec = """
        name: orders
        entity: customer_id
        eventTime: ts
        columns:
          order_id: keep
          amount: standardize
        rules:
          - { column: amount, check: range, min: 0 }
        split: { by: customer_id, salt: t }
        """;

    private const int RowGroups = 6;
    private const int RowsPerGroup = 40;
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TestLake _whole = new();
    private readonly TestLake _lake = new();

    public void Dispose()
    {
        _whole.Dispose();
        _lake.Dispose();
    }

    private static SpecSet Spec(string yaml = OrdersSpec) => SpecParser.Parse(yaml, "spec.yaml");

    private ProcessorOptions SplitOptions() => new()
    {
        TempDirectory = Path.Combine(_lake.Root, "tmp"),
        TransientRetryDelay = TimeSpan.Zero,
        LargeObjectThresholdBytes = 1,
        RowGroupsPerPart = 2,
        SplitInProcess = true,
        ClaimLease = TimeSpan.FromMinutes(5),
    };

    private Processor Splitting(IPartDispatcher? dispatcher = null, SpecSet? specs = null, Core.Storage.IObjectStore? output = null)
        => new(_lake.Lake, output ?? _lake.Output, _lake.Kv, specs ?? Spec(), SplitOptions(), _lake.Time, partDispatcher: dispatcher);

    /// <summary>Six row groups of 40 orders; every 17th amount is negative (rejected by the range rule).</summary>
    private static RowBatch[] Groups(int failingGroup = -1) => Enumerable.Range(0, RowGroups).Select(g =>
    {
        var ids = Enumerable.Range(g * RowsPerGroup, RowsPerGroup).Select(i => (long)i).ToArray();
        return TestLake.Orders(
            ids,
            ids.Select(i => $"c{i % 23}").ToArray(),
            ids.Select(i => (double?)(i % 17 == 5 ? -1 : (g == failingGroup ? -1000 : (i * 7 % 101) + 0.5))).ToArray(),
            ids.Select(i => Day.AddMinutes(i)).ToArray());
    }).ToArray();

    private static async Task<Dictionary<string, List<object?>>> ReadAllFeaturesAsync(TestLake lake, IEnumerable<string> keys)
    {
        var all = new Dictionary<string, List<object?>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            foreach (var (column, values) in await lake.ReadFeaturesAsync(key))
            {
                if (!all.TryGetValue(column, out var list))
                {
                    all[column] = list = [];
                }

                list.AddRange(values);
            }
        }

        return all;
    }

    private static async Task<JsonElement> ManifestAsync(TestLake lake) => JsonDocument.Parse(await lake.ReadOutputTextAsync("_manifests/orders/date=2024-01-01/big.json")).RootElement;

    [Fact]
    public async Task ProcessAsync_LargeParquet_PartsGiveTheSameRowsFeaturesAndSplitsAsAWholeRun()
    {
        var wholeEvent = await _whole.PutParquetAsync(Key, Groups());
        var splitEvent = await _lake.PutParquetAsync(Key, Groups());

        var whole = await _whole.CreateProcessor(Spec()).ProcessAsync(wholeEvent);
        var split = await Splitting().ProcessAsync(splitEvent);

        Assert.Equal(ObjectStatus.Processed, whole.Status);
        Assert.Equal(ObjectStatus.Processed, split.Status);
        Assert.Equal(RowGroups * RowsPerGroup, split.RowsIn);
        Assert.Equal(whole.RowsIn, split.RowsIn);
        Assert.Equal(whole.RowsOut, split.RowsOut);
        Assert.Equal(whole.RowsQuarantined, split.RowsQuarantined);
        Assert.True(split.RowsQuarantined > 0);

        var manifest = await ManifestAsync(_lake);
        Assert.Equal(3, manifest.GetProperty("parts").GetInt32());
        var featureKeys = manifest.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).Where(k => k.StartsWith("features/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["features/orders/date=2024-01-01/big.part-00000-of-00003.parquet", "features/orders/date=2024-01-01/big.part-00001-of-00003.parquet", "features/orders/date=2024-01-01/big.part-00002-of-00003.parquet"],
            featureKeys);
        Assert.DoesNotContain("features/orders/date=2024-01-01/big.parquet", await _lake.ListOutputsAsync());
        var wholeManifest = await ManifestAsync(_whole);
        Assert.Equal(wholeManifest.GetProperty("splitCounts").ToString(), manifest.GetProperty("splitCounts").ToString());
        Assert.Equal(wholeManifest.GetProperty("rowsOut").GetInt64(), manifest.GetProperty("rowsOut").GetInt64());

        var expected = await _whole.ReadFeaturesAsync("features/orders/date=2024-01-01/big.parquet");
        var actual = await ReadAllFeaturesAsync(_lake, featureKeys);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.Equal(expected["order_id"], actual["order_id"]);
        Assert.Equal(expected["split"], actual["split"]);
        Assert.Equal(expected["customer_id"], actual["customer_id"]);
        Assert.Equal(expected["amount"].Select(v => (double)v!), actual["amount"].Select(v => (double)v!), new ToleranceComparer(1e-9));

        // One profile of the whole object (one object, every row), and one processing record.
        var profile = JsonDocument.Parse(await _lake.ReadOutputTextAsync("_profiles/orders/date=2024-01-01/big.json")).RootElement;
        Assert.Equal(RowGroups * RowsPerGroup, profile.GetProperty("profile").GetProperty("rowCount").GetInt64());
        var record = await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", Key, default);
        Assert.Equal(RecordStatus.Completed, record!.Status);
        Assert.Equal(split.Outputs, record.Outputs);

        // The same event again is skipped, as for a whole object.
        var again = await Splitting().ProcessAsync(splitEvent);
        Assert.Equal(ObjectStatus.Skipped, again.Status);
        Assert.Contains("already processed", again.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_PartsFinishConcurrentlyAndOutOfOrder_ExactlyOneFitAndOneCommit()
    {
        var created = await _lake.PutParquetAsync(Key, Groups());
        var queue = new RecordingPartDispatcher();
        var output = new CountingObjectStore(_lake.Output);

        var first = await Splitting(queue, output: output).ProcessAsync(created);

        Assert.Equal(ObjectStatus.Pending, first.Status);
        var profileParts = queue.Drain();
        Assert.Equal(3, profileParts.Count);
        Assert.All(profileParts, p => Assert.Equal(ObjectPart.ProfilePhase, p.Part!.Phase));
        Assert.Null(await _lake.Output.GetInfoAsync("_manifests/orders/date=2024-01-01/big.json"));

        // Every part delivered twice (at-least-once queue), reversed, by separate "invocations" at once.
        var deliveries = profileParts.Concat(profileParts).Reverse().ToList();
        await Task.WhenAll(deliveries.Select(p => Task.Run(() => Splitting(queue, output: output).ProcessAsync(p))));
        var prepareParts = queue.Drain();
        Assert.Equal(3, prepareParts.Count); // one fitter dispatched the prepare phase once
        Assert.All(prepareParts, p => Assert.Equal(ObjectPart.PreparePhase, p.Part!.Phase));
        Assert.Null(await _lake.Output.GetInfoAsync("_manifests/orders/date=2024-01-01/big.json"));

        var outcomes = await Task.WhenAll(prepareParts.Concat(prepareParts).Reverse().Select(p => Task.Run(() => Splitting(queue, output: output).ProcessAsync(p))));

        Assert.Equal(1, output.Puts["_manifests/orders/date=2024-01-01/big.json"]);
        Assert.Equal(1, output.Puts["_profiles/orders/date=2024-01-01/big.json"]);
        Assert.Equal(3, outcomes.Count(o => o.Status == ObjectStatus.Processed));

        // A duplicate that arrived while its twin ran was told to come back later (Failed = redeliver), or skipped.
        Assert.All(outcomes.Where(o => o.Status != ObjectStatus.Processed), o => Assert.True(
            o.Status == ObjectStatus.Skipped || (o.Status == ObjectStatus.Failed && o.Reason!.Contains("in progress", StringComparison.Ordinal)), $"{o.Status}: {o.Reason}"));
        foreach (var retried in prepareParts)
        {
            Assert.Equal(ObjectStatus.Skipped, (await Splitting(queue, output: output).ProcessAsync(retried)).Status);
        }

        var record = await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", Key, default);
        Assert.Equal(RecordStatus.Completed, record!.Status);
        Assert.Equal(RowGroups * RowsPerGroup, record.RowsIn);
        Assert.Empty(queue.Drain());

        var redelivered = await Splitting(queue).ProcessAsync(created);
        Assert.Equal(ObjectStatus.Skipped, redelivered.Status);
    }

    [Fact]
    public async Task ProcessAsync_PartWhoseWorkerDied_IsTakenOverAfterItsLease()
    {
        var created = await _lake.PutParquetAsync(Key, Groups());
        var queue = new RecordingPartDispatcher();
        await Splitting(queue).ProcessAsync(created);
        var profileParts = queue.Drain();

        // Part 2's first worker claimed it and died (its claim stays in progress until the lease runs out).
        var crashed = profileParts[1];
        var claims = new ObjectClaims(_lake.Kv, _lake.Time, SplitOptions());
        var dead = await claims.TryClaimAsync("orders", KvKeys.PartClaim(Key, crashed.Part!.RunId, 1, 1), crashed, "dead-worker", default);
        Assert.True(dead.Claimed);

        await Splitting(queue).ProcessAsync(profileParts[0]);
        await Splitting(queue).ProcessAsync(profileParts[2]);
        var busy = await Splitting(queue).ProcessAsync(crashed);
        Assert.Equal(ObjectStatus.Failed, busy.Status); // redelivered later
        Assert.Contains("in progress", busy.Reason, StringComparison.Ordinal);
        Assert.Empty(queue.Sent);

        _lake.Time.Advance(TimeSpan.FromMinutes(6));
        var takenOver = await Splitting(queue).ProcessAsync(crashed);
        Assert.Equal(ObjectStatus.Processed, takenOver.Status);
        foreach (var part in queue.Drain())
        {
            Assert.Equal(ObjectStatus.Processed, (await Splitting(queue).ProcessAsync(part)).Status);
        }

        var record = await claims.GetAsync("orders", Key, default);
        Assert.Equal(RecordStatus.Completed, record!.Status);
        Assert.Equal(RowGroups * RowsPerGroup, record.RowsIn);
    }

    [Fact]
    public async Task ProcessAsync_OnePartFailsARule_QuarantinesTheWholeObjectOnceWithTheReason()
    {
        const string failingSpec = """
            name: orders
            columns:
              order_id: keep
              amount: standardize
            rules:
              - { column: amount, check: range, min: -10, action: fail }
            """;
        var created = await _lake.PutParquetAsync(Key, Groups(failingGroup: 4));
        var queue = new RecordingPartDispatcher();
        var output = new CountingObjectStore(_lake.Output);
        await Splitting(queue, Spec(failingSpec), output).ProcessAsync(created);
        foreach (var part in queue.Drain())
        {
            Assert.Equal(ObjectStatus.Processed, (await Splitting(queue, Spec(failingSpec), output).ProcessAsync(part)).Status);
        }

        // Prepare: every part at once, each twice; only part 3 (row groups 4..5) breaks the rule.
        var prepare = queue.Drain();
        var outcomes = await Task.WhenAll(prepare.Concat(prepare).Select(p => Task.Run(() => Splitting(queue, Spec(failingSpec), output).ProcessAsync(p))));

        Assert.Equal(1, output.Puts["_quarantine/orders/date=2024-01-01/big.error.json"]);
        Assert.False(output.Puts.ContainsKey("_manifests/orders/date=2024-01-01/big.json"));
        Assert.Contains(outcomes, o => o.Status == ObjectStatus.Quarantined);
        Assert.DoesNotContain(outcomes, o => o.Status == ObjectStatus.Processed && o.Reason!.Contains("part 3", StringComparison.Ordinal));
        var notice = JsonDocument.Parse(await _lake.ReadOutputTextAsync("_quarantine/orders/date=2024-01-01/big.error.json")).RootElement;
        var reason = notice.GetProperty("reason").GetString()!;
        Assert.Contains("amount.range", reason, StringComparison.Ordinal);
        Assert.Contains("row groups 4..5 (part 3 of 3)", reason, StringComparison.Ordinal);
        var record = await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", Key, default);
        Assert.Equal(RecordStatus.Quarantined, record!.Status);
        Assert.Equal(reason, record.Reason);

        var redelivered = await Splitting(queue, Spec(failingSpec)).ProcessAsync(created);
        Assert.Equal(ObjectStatus.Skipped, redelivered.Status);
        Assert.Contains("already quarantined", redelivered.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_CorruptRowGroupInProcess_QuarantinesTheObjectWithTheReason()
    {
        using var buffer = new MemoryStream();
        await using (var writer = await Core.Writing.ParquetBatchWriter.CreateAsync(buffer, Groups()[0].Schema, new Dictionary<string, string>(), default))
        {
            foreach (var group in Groups())
            {
                await writer.WriteAsync(group, default);
            }
        }

        var bytes = buffer.ToArray();
        long offset;
        await using (var reader = await Parquet.ParquetReader.CreateAsync(new MemoryStream(bytes)))
        {
            offset = reader.Metadata!.RowGroups[3].Columns[2].MetaData!.DataPageOffset;
        }

        for (var i = 0; i < 48; i++)
        {
            bytes[offset + i] ^= 0x5A;
        }

        var created = await _lake.PutAsync(Key, bytes);

        var outcome = await Splitting().ProcessAsync(created);

        Assert.Equal(ObjectStatus.Quarantined, outcome.Status);
        Assert.Contains("part 2 of 3", outcome.Reason, StringComparison.Ordinal);
        var record = await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", Key, default);
        Assert.Equal(RecordStatus.Quarantined, record!.Status);
        Assert.Equal(outcome.Reason, record.Reason);
        Assert.Null(await _lake.Output.GetInfoAsync("_manifests/orders/date=2024-01-01/big.json"));
    }

    [Fact]
    public async Task ProcessAsync_InProcessSplitNotAskedFor_IsProcessedWhole_ButAQueueStillGetsParts()
    {
        var created = await _lake.PutParquetAsync(Key, Groups());
        var options = SplitOptions() with { SplitInProcess = false };

        var whole = await new Processor(_lake.Lake, _lake.Output, _lake.Kv, Spec(), options, _lake.Time).ProcessAsync(created);
        Assert.Equal(ObjectStatus.Processed, whole.Status);
        Assert.Contains("features/orders/date=2024-01-01/big.parquet", whole.Outputs);

        var other = await _lake.PutParquetAsync("orders/other.parquet", Groups());
        var queue = new RecordingPartDispatcher();
        var queued = await new Processor(_lake.Lake, _lake.Output, _lake.Kv, Spec(), options, _lake.Time, partDispatcher: queue).ProcessAsync(other);
        Assert.Equal(ObjectStatus.Pending, queued.Status);
        Assert.Equal(3, queue.Sent.Count);
    }

    [Fact]
    public async Task ProcessAsync_BelowThresholdOrOneRowGroupOrStatefulSpec_IsProcessedWhole()
    {
        var oneGroup = await _lake.PutParquetAsync("orders/one.parquet", Groups()[0]);
        var outcome = await Splitting().ProcessAsync(oneGroup);
        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Contains("features/orders/one.parquet", outcome.Outputs);

        const string dedupSpec = """
            name: orders
            columns:
              order_id: keep
            dedup: { keys: [order_id] }
            """;
        var big = await _lake.PutParquetAsync("orders/dedup.parquet", Groups());
        outcome = await Splitting(specs: Spec(dedupSpec)).ProcessAsync(big);
        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Contains("features/orders/dedup.parquet", outcome.Outputs);

        var csv = await _lake.PutTextAsync("orders/big.csv", "order_id,customer_id,amount,ts\n1,a,2.5,2024-01-01T00:00:00Z\n2,b,3.5,2024-01-01T01:00:00Z\n");
        outcome = await Splitting().ProcessAsync(csv);
        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Contains("features/orders/big.parquet", outcome.Outputs);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
