using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.Poison;

/// <summary>Attempts count runs that ended in failure (crashed runs included, found as expired leases), not claims.</summary>
public sealed class AttemptCountingTests : IDisposable
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly Workspace _workspace = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ProcessAsync_TwoTransientRunsThenASuccess_RecordsTwoFailedAttemptsAndProcesses()
    {
        var created = await PutAsync();
        var worker = CreateWorker(failingOpens: 2);

        var outcomes = new[] { await worker.Processor.ProcessAsync(created), await worker.Processor.ProcessAsync(created), await worker.Processor.ProcessAsync(created) };

        Assert.Equal([ObjectStatus.Failed, ObjectStatus.Failed, ObjectStatus.Processed], outcomes.Select(o => o.Status));
        Assert.StartsWith("transient failure (attempt 1 of 3)", outcomes[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("transient failure (attempt 2 of 3)", outcomes[1].Reason, StringComparison.Ordinal);
        var record = await RecordAsync(worker, created);
        Assert.Equal(RecordStatus.Completed, record.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(2, record.ErrorHistory.Count);
    }

    [Fact]
    public async Task ProcessAsync_TransientFailureInEveryRun_IsPoisonAfterMaxAttemptsRuns()
    {
        var created = await PutAsync();
        var worker = CreateWorker(failingOpens: int.MaxValue);

        var outcomes = new[] { await worker.Processor.ProcessAsync(created), await worker.Processor.ProcessAsync(created), await worker.Processor.ProcessAsync(created) };

        Assert.Equal([ObjectStatus.Failed, ObjectStatus.Failed, ObjectStatus.Quarantined], outcomes.Select(o => o.Status));
        Assert.Contains("poison: failed 3 times", outcomes[2].Reason, StringComparison.Ordinal);
        Assert.Equal(3, (await RecordAsync(worker, created)).Attempts);
    }

    [Fact]
    public async Task ProcessAsync_AfterMaxAttemptsRunsDied_QuarantinesWithLeaseExpiriesInTheHistoryWithoutRunningIt()
    {
        var created = await PutAsync();
        var worker = CreateWorker();
        await KillRunsAsync(worker, created, MaxAttempts);

        var outcome = await worker.Processor.ProcessAsync(created);
        var again = await worker.Processor.ProcessAsync(created);

        Assert.Equal(ObjectStatus.Quarantined, outcome.Status);
        Assert.Contains($"poison: {MaxAttempts} runs failed or died, last: lease expired (worker died?)", outcome.Reason, StringComparison.Ordinal);
        var notice = JsonDocument.Parse(_workspace.ReadOutput("_quarantine/orders/" + Stem(created.Key) + ".error.json")).RootElement;
        var history = notice.GetProperty("errorHistory").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(MaxAttempts + 1, history.Count);
        Assert.All(history.Take(MaxAttempts), h => Assert.StartsWith("lease expired (worker died?): run dead-", h, StringComparison.Ordinal));
        Assert.DoesNotContain(await _workspace.ListOutputsAsync(), k => k.StartsWith("features/", StringComparison.Ordinal));
        Assert.Equal(ObjectStatus.Skipped, again.Status);
        Assert.StartsWith("already quarantined", again.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_AfterFewerDeadRunsThanMaxAttempts_ProcessesAndKeepsTheCount()
    {
        var created = await PutAsync();
        var worker = CreateWorker();
        await KillRunsAsync(worker, created, MaxAttempts - 1);

        var outcome = await worker.Processor.ProcessAsync(created);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        var record = await RecordAsync(worker, created);
        Assert.Equal(MaxAttempts - 1, record.Attempts);
        Assert.All(record.ErrorHistory, h => Assert.StartsWith("lease expired (worker died?)", h, StringComparison.Ordinal));
    }

    /// <summary>Runs that claimed the object and died without a word: only their leases remain, and expire.</summary>
    private async Task KillRunsAsync(Worker worker, ObjectCreated created, int runs)
    {
        var claims = new ObjectClaims(worker.Kv, _time, Options());
        for (var i = 0; i < runs; i++)
        {
            Assert.True((await claims.TryClaimAsync("orders", created, $"dead-{i}", default)).Claimed);
            _time.Advance(Lease + TimeSpan.FromSeconds(1));
        }
    }

    private Worker CreateWorker(int failingOpens = 0)
    {
        var lake = _workspace.Lake.Uri;
        return _workspace.CreateWorker(LakeData.Specs, Options(), _time, wrapStore: s => s.Uri == lake && failingOpens > 0 ? new FailingOpenStore(s, failingOpens) : s);
    }

    private ProcessorOptions Options() => _workspace.Options(Lease, MaxAttempts) with { TransientRetries = 0, TransientRetryDelay = TimeSpan.Zero };

    private async Task<ObjectCreated> PutAsync()
    {
        var key = LakeData.Key(3, "orders");
        return await _workspace.PutAsync(key, await LakeData.ContentAsync(key, 3), version: "v1", sequencer: "01");
    }

    private async Task<ProcessingRecord> RecordAsync(Worker worker, ObjectCreated created)
        => (await new ObjectClaims(worker.Kv, _time, Options()).GetAsync("orders", created.Key, default))!;

    private static string Stem(string key) => Path.ChangeExtension(key["orders/".Length..], null);
}
