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
        for (var reads = 0; reads < 8; reads++)
        {
            var key = LakeData.Key(reads, dataset);
            var created = await _workspace.PutAsync(key, await LakeData.ContentAsync(key, reads), version: "v1", sequencer: "01");
            var kv = new InMemoryKeyValueStore(_time);
            var processor = CreateProcessor(kv, reads, () => new OutOfMemoryException("injected"));

            await Assert.ThrowsAsync<OutOfMemoryException>(() => processor.ProcessAsync(created));

            var record = await new ObjectClaims(kv, _time, new ProcessorOptions()).GetAsync(dataset, key, default);
            Assert.Equal(RecordStatus.Failed, record!.Status);
            Assert.DoesNotContain(await _workspace.ListOutputsAsync(), k => k.StartsWith("_quarantine/", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("clicks")]
    public async Task ProcessAsync_TransientFaultWhileReading_FailsRetryablyAndNotQuarantined(string dataset)
    {
        for (var reads = 0; reads < 8; reads++)
        {
            var key = LakeData.Key(reads, dataset);
            var created = await _workspace.PutAsync(key, await LakeData.ContentAsync(key, reads), version: "v1", sequencer: "01");
            var processor = CreateProcessor(new InMemoryKeyValueStore(_time), reads, () => new TransientStorageException("injected read fault"));

            var outcome = await processor.ProcessAsync(created);

            Assert.True(outcome.Status == ObjectStatus.Failed && outcome.Retryable, $"after {reads} reads: {outcome.Status} {outcome.Reason}");
            Assert.DoesNotContain(await _workspace.ListOutputsAsync(), k => k.StartsWith("_quarantine/", StringComparison.Ordinal));
        }
    }

    private Processor CreateProcessor(IKeyValueStore kv, int readsBeforeFault, Func<Exception> fault)
        => new(
            new ThrowingReadStore(_workspace.Lake, readsBeforeFault, fault),
            new FileSystemObjectStore(_workspace.OutputDirectory),
            kv,
            LakeData.Specs,
            _workspace.Options() with { TransientRetryDelay = TimeSpan.Zero },
            _time);
}
