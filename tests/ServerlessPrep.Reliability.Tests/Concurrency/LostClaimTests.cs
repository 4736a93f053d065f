using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.Concurrency;

/// <summary>A run that outlives its lease is taken over; the late run must not claim the result as its own.</summary>
public sealed class LostClaimTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly Workspace _workspace = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ProcessAsync_RunStalledPastItsLease_ReportsSkippedNamingTheRunWhoseResultStands()
    {
        var key = LakeData.Key(5, "orders");
        var created = await _workspace.PutAsync(key, await LakeData.ContentAsync(key, 5), version: "v1", sequencer: "01");
        GatedReadStore? gate = null;
        var lake = _workspace.Lake.Uri;
        var slow = _workspace.CreateWorker(LakeData.Specs, Options(), _time, wrapStore: s => s.Uri == lake ? gate = new GatedReadStore(s) : s);
        var fast = _workspace.CreateWorker(LakeData.Specs, Options(), _time);

        var slowRun = Task.Run(() => slow.Processor.ProcessAsync(created));
        await gate!.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var fastOutcome = await fast.Processor.ProcessAsync(created);
        var features = _workspace.ReadOutput("features/" + Path.ChangeExtension(key, ".parquet"));
        gate.Release();
        var slowOutcome = await slowRun.WaitAsync(TimeSpan.FromSeconds(60));
        var redelivery = await fast.Processor.ProcessAsync(created);

        var record = (await new ObjectClaims(fast.Kv, _time, Options()).GetAsync("orders", key, default))!;
        Assert.Equal(ObjectStatus.Processed, fastOutcome.Status);
        Assert.Equal(ObjectStatus.Skipped, slowOutcome.Status);
        Assert.Equal($"lease lost to run {record.RunId} (COMPLETED); its result stands", slowOutcome.Reason);
        Assert.Single(new[] { fastOutcome, slowOutcome, redelivery }, o => o.Status == ObjectStatus.Processed);
        Assert.Equal(RecordStatus.Completed, record.Status);
        Assert.Equal(1, record.Attempts); // the stalled run looked dead: one failed attempt
        Assert.StartsWith("lease expired (worker died?)", Assert.Single(record.ErrorHistory), StringComparison.Ordinal);
        Assert.Equal(ObjectStatus.Skipped, redelivery.Status);
        Assert.Equal(features, _workspace.ReadOutput("features/" + Path.ChangeExtension(key, ".parquet")));
    }

    private ProcessorOptions Options() => _workspace.Options(Lease) with { TransientRetryDelay = TimeSpan.Zero };
}
