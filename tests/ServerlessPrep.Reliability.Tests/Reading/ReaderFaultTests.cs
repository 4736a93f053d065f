using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Local;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.Reading;

/// <summary>Faults that say nothing about the object (out of memory, a flaky read) must never quarantine it.</summary>
public sealed class ReaderFaultTests : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("orders")]
    [InlineData("clicks")]
    public async Task ProcessAsync_OutOfMemoryWhileReading_IsRethrownAndNotQuarantined(string dataset)
    {
        var thrown = 0;
        for (var reads = 0; reads < 8; reads++)
        {
            var key = LakeData.Key(reads, dataset);
            var created = await _workspace.PutAsync(key, await LakeData.ContentAsync(key, reads), version: "v1", sequencer: "01");
            var kv = new InMemoryKeyValueStore(_time);
            var processor = CreateProcessor(kv, reads, () => new OutOfMemoryException("injected"));

            try
            {
                var outcome = await processor.ProcessAsync(created);
                Assert.Equal(ObjectStatus.Processed, outcome.Status); // the fault point lies past the object's last read
            }
            catch (OutOfMemoryException)
            {
                thrown++;
                var record = await new ObjectClaims(kv, _time, new ProcessorOptions()).GetAsync(dataset, key, default);
                Assert.Equal(RecordStatus.Failed, record!.Status);
            }

            Assert.DoesNotContain(await _workspace.ListOutputsAsync(), k => k.StartsWith("_quarantine/", StringComparison.Ordinal));
        }

        Assert.True(thrown >= 3, $"only {thrown} cases hit the fault");
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("clicks")]
    public async Task ProcessAsync_TransientFaultWhileReading_FailsRetryablyAndNotQuarantined(string dataset)
    {
        var failed = 0;
        for (var reads = 0; reads < 8; reads++)
        {
            var key = LakeData.Key(reads, dataset);
            var created = await _workspace.PutAsync(key, await LakeData.ContentAsync(key, reads), version: "v1", sequencer: "01");
            var processor = CreateProcessor(new InMemoryKeyValueStore(_time), reads, () => new TransientStorageException("injected read fault"));

            var outcome = await processor.ProcessAsync(created);

            Assert.True(outcome.Retryable || outcome.Status == ObjectStatus.Processed, $"after {reads} reads: {outcome.Status} {outcome.Reason}");
            failed += outcome.Retryable ? 1 : 0;
            Assert.DoesNotContain(await _workspace.ListOutputsAsync(), k => k.StartsWith("_quarantine/", StringComparison.Ordinal));
        }

        Assert.True(failed >= 3, $"only {failed} cases hit the fault");
    }

    [Fact]
    public async Task ProcessAsync_TransientFaultOnTheLastAttempt_QuarantinedAsPoisonNamingTheKey()
    {
        var key = LakeData.Key(1, "orders");
        var created = await _workspace.PutAsync(key, await LakeData.ContentAsync(key, 1), version: "v1", sequencer: "01");
        var processor = CreateProcessor(new InMemoryKeyValueStore(_time), 0, () => new TransientStorageException("injected read fault"), maxAttempts: 1);

        var outcome = await processor.ProcessAsync(created);

        Assert.Equal(ObjectStatus.Quarantined, outcome.Status);
        Assert.StartsWith($"{key}: poison: failed 1 times", outcome.Reason, StringComparison.Ordinal);
    }

    private Processor CreateProcessor(IKeyValueStore kv, int readsBeforeFault, Func<Exception> fault, int maxAttempts = 3)
        => new(
            new ThrowingReadStore(_workspace.Lake, readsBeforeFault, fault),
            new FileSystemObjectStore(_workspace.OutputDirectory),
            kv,
            LakeData.Specs,
            _workspace.Options(maxAttempts: maxAttempts) with { TransientRetryDelay = TimeSpan.Zero },
            _time);
}
