using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Local;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class ObjectClaimsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryKeyValueStore _kv;

    public ObjectClaimsTests() => _kv = new InMemoryKeyValueStore(_time);

    private ObjectClaims CreateSut(int maxAttempts = 3) => new(_kv, _time, new ProcessorOptions { ClaimLease = TimeSpan.FromMinutes(5), MaxAttempts = maxAttempts });

    private static ObjectCreated Event(string version = "v1", string? sequencer = "0A") =>
        new("lake", "sales/part-0.parquet", 100, version, version, sequencer, DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public async Task TryClaim_FirstEvent_Wins()
    {
        var claim = await CreateSut().TryClaimAsync("sales", Event(), "run-1", default);

        Assert.True(claim.Claimed);
        Assert.Equal(RecordStatus.InProgress, claim.Record!.Status);
        Assert.Equal(0, claim.Record.Attempts);
    }

    [Fact]
    public async Task TryClaim_DuplicateOfCompleted_IsSkipped()
    {
        var sut = CreateSut();
        var first = await sut.TryClaimAsync("sales", Event(), "run-1", default);
        Assert.True(await sut.FinishAsync("sales", first.Record! with { Status = RecordStatus.Completed }, first.Token!, default));

        var duplicate = await sut.TryClaimAsync("sales", Event(), "run-2", default);

        Assert.False(duplicate.Claimed);
        Assert.False(duplicate.Busy);
        Assert.Contains("already processed (run run-1)", duplicate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryClaim_WhileInProgress_IsBusyUntilTheLeaseExpires()
    {
        var sut = CreateSut();
        await sut.TryClaimAsync("sales", Event(), "run-1", default);

        var busy = await sut.TryClaimAsync("sales", Event(), "run-2", default);
        _time.Advance(TimeSpan.FromMinutes(6));
        var takeover = await sut.TryClaimAsync("sales", Event(), "run-3", default);

        Assert.True(busy.Busy);
        Assert.True(takeover.Claimed);
        Assert.Equal(1, takeover.Record!.Attempts);
        Assert.Equal("run-3", takeover.Record.RunId);
        Assert.StartsWith("lease expired (worker died?): run run-1", Assert.Single(takeover.Record.ErrorHistory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryClaim_OlderSequencerAfterNewerVersion_IsSkippedAsStale()
    {
        var sut = CreateSut();
        var newer = await sut.TryClaimAsync("sales", Event("v2", "0000B2"), "run-1", default);
        await sut.FinishAsync("sales", newer.Record! with { Status = RecordStatus.Completed }, newer.Token!, default);

        var older = await sut.TryClaimAsync("sales", Event("v1", "A1"), "run-2", default);

        Assert.False(older.Claimed);
        Assert.Contains("stale event", older.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryClaim_NewerVersionAfterCompleted_ReprocessesWithFreshAttempts()
    {
        var sut = CreateSut();
        var first = await sut.TryClaimAsync("sales", Event("v1", "A1"), "run-1", default);
        await sut.FinishAsync("sales", first.Record! with { Status = RecordStatus.Completed }, first.Token!, default);

        var newer = await sut.TryClaimAsync("sales", Event("v2", "A2"), "run-2", default);

        Assert.True(newer.Claimed);
        Assert.Equal("v2", newer.Record!.Version);
        Assert.Equal(0, newer.Record.Attempts);
    }

    [Fact]
    public async Task TryClaim_AfterMaxFailedAttempts_IsPoison()
    {
        var sut = CreateSut(maxAttempts: 2);
        for (var i = 0; i < 2; i++)
        {
            var claim = await sut.TryClaimAsync("sales", Event(), $"run-{i}", default);
            Assert.True(claim.Claimed);
            await sut.FinishAsync("sales", claim.Record! with { Status = RecordStatus.Failed, Attempts = claim.Record.Attempts + 1, ErrorHistory = [.. claim.Record.ErrorHistory, $"boom {i}"] }, claim.Token!, default);
        }

        var third = await sut.TryClaimAsync("sales", Event(), "run-9", default);

        Assert.False(third.Claimed);
        Assert.Contains("poison", third.Reason, StringComparison.Ordinal);
        Assert.Equal(["boom 0", "boom 1"], third.Record!.ErrorHistory);
    }

    [Fact]
    public async Task TryClaim_BusyBackoffsAndReclaimAfterAFailure_CountOnlyTheFailedRun()
    {
        var sut = CreateSut();
        var first = await sut.TryClaimAsync("sales", Event(), "run-1", default);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await sut.TryClaimAsync("sales", Event(), $"busy-{i}", default)).Busy);
        }

        await sut.FinishAsync("sales", first.Record! with { Status = RecordStatus.Failed, Attempts = 1, ErrorHistory = ["throttled"] }, first.Token!, default);
        var second = await sut.TryClaimAsync("sales", Event(), "run-2", default);

        Assert.True(second.Claimed);
        Assert.Equal(1, second.Record!.Attempts);
        Assert.Equal(["throttled"], second.Record.ErrorHistory);
    }

    [Fact]
    public async Task TryClaim_RepeatedTakeoversOfDeadRuns_CountOneFailurePerDeadRun()
    {
        var sut = CreateSut();
        await sut.TryClaimAsync("sales", Event(), "run-0", default);
        ClaimResult last = null!;
        for (var i = 1; i <= 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(6));
            last = await sut.TryClaimAsync("sales", Event(), $"run-{i}", default);
        }

        Assert.True(last.Claimed);
        Assert.Equal(3, last.Record!.Attempts);
        Assert.Equal(3, last.Record.ErrorHistory.Count);
        Assert.All(last.Record.ErrorHistory, h => Assert.StartsWith("lease expired (worker died?)", h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TryClaim_NewVersionAfterADeadRunOfTheOldOne_StartsWithNoFailures()
    {
        var sut = CreateSut();
        await sut.TryClaimAsync("sales", Event("v1", "A1"), "run-1", default);
        _time.Advance(TimeSpan.FromMinutes(6));

        var newer = await sut.TryClaimAsync("sales", Event("v2", "A2"), "run-2", default);

        Assert.True(newer.Claimed);
        Assert.Equal(0, newer.Record!.Attempts);
        Assert.Empty(newer.Record.ErrorHistory);
    }

    [Fact]
    public async Task TryClaim_ManyConcurrentWorkers_ExactlyOneWins()
    {
        var sut = CreateSut();

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => sut.TryClaimAsync("sales", Event(), $"run-{i}", default))));

        Assert.Equal(1, claims.Count(c => c.Claimed));
        Assert.All(claims.Where(c => !c.Claimed), c => Assert.True(c.Busy));
    }

    [Fact]
    public async Task Finish_AfterTakeover_DoesNotOverwriteTheNewOwner()
    {
        var sut = CreateSut();
        var slow = await sut.TryClaimAsync("sales", Event(), "slow", default);
        _time.Advance(TimeSpan.FromMinutes(6));
        var fast = await sut.TryClaimAsync("sales", Event(), "fast", default);

        var slowFinished = await sut.FinishAsync("sales", slow.Record! with { Status = RecordStatus.Completed }, slow.Token!, default);

        Assert.False(slowFinished);
        Assert.Equal("fast", (await sut.GetAsync("sales", "sales/part-0.parquet", default))!.RunId);
        Assert.True(fast.Claimed);
    }
}
