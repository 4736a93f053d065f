using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.Concurrency;

/// <summary>Separate processors sharing one output folder and one SQLite file race on the same event.</summary>
public sealed class ConcurrentWorkersTests : IDisposable
{
    private readonly Workspace _workspace = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(2, "orders")]
    [InlineData(8, "orders")]
    [InlineData(8, "clicks")]
    public async Task ProcessAsync_WorkersRaceOnOneEvent_ExactlyOneProcessesAndOneSetOfOutputs(int workers, string dataset)
    {
        var created = await PutAsync(dataset);
        var processors = Enumerable.Range(0, workers).Select(_ => _workspace.CreateWorker(LakeData.Specs, Options(), _time).Processor).ToArray();
        using var start = new Barrier(workers);

        var outcomes = await Task.WhenAll(processors.Select(p => Task.Run(() =>
        {
            start.SignalAndWait();
            return p.ProcessAsync(created);
        })));

        Assert.Single(outcomes, o => o.Status == ObjectStatus.Processed);
        Assert.All(outcomes.Where(o => o.Status != ObjectStatus.Processed), o =>
        {
            Assert.True(o.Status == ObjectStatus.Skipped || (o.Status == ObjectStatus.Failed && o.Retryable), $"{o.Status}: {o.Reason}");
            Assert.False(string.IsNullOrEmpty(o.Reason));
        });
        await AssertOneSetOfOutputsAsync(created.Key);
    }

    [Fact]
    public async Task ProcessAsync_RedeliveryAfterTheRace_IsSkippedAndChangesNothing()
    {
        var created = await PutAsync("orders");
        var processors = Enumerable.Range(0, 4).Select(_ => _workspace.CreateWorker(LakeData.Specs, Options(), _time).Processor).ToArray();
        await Task.WhenAll(processors.Select(p => Task.Run(() => p.ProcessAsync(created))));
        var outputs = await _workspace.ListOutputsAsync();
        var features = _workspace.ReadOutput(FeaturesKey(created.Key));

        var again = await _workspace.CreateWorker(LakeData.Specs, Options(), _time).Processor.ProcessAsync(created);

        Assert.Equal(ObjectStatus.Skipped, again.Status);
        Assert.StartsWith("already processed", again.Reason, StringComparison.Ordinal);
        Assert.Equal(outputs, await _workspace.ListOutputsAsync());
        Assert.Equal(features, _workspace.ReadOutput(FeaturesKey(created.Key)));
    }

    [Fact]
    public async Task ProcessAsync_BusyLoserRedeliveredAfterTheWinnerFinished_IsSkipped()
    {
        var created = await PutAsync("clicks");
        var processors = Enumerable.Range(0, 8).Select(_ => _workspace.CreateWorker(LakeData.Specs, Options(), _time).Processor).ToArray();
        var outcomes = await Task.WhenAll(processors.Select(p => Task.Run(() => p.ProcessAsync(created))));

        var redelivered = await Task.WhenAll(outcomes.Select((o, i) => (o, i)).Where(x => x.o.Retryable).Select(x => processors[x.i].ProcessAsync(created)));

        Assert.All(redelivered, o => Assert.Equal(ObjectStatus.Skipped, o.Status));
        await AssertOneSetOfOutputsAsync(created.Key);
    }

    private ProcessorOptions Options() => _workspace.Options() with { TransientRetryDelay = TimeSpan.Zero };

    private async Task<ObjectCreated> PutAsync(string dataset)
    {
        var key = LakeData.Key(7, dataset);
        return await _workspace.PutAsync(key, await LakeData.ContentAsync(key, 7), version: "v1", sequencer: "01");
    }

    private static string FeaturesKey(string key) => "features/" + Path.ChangeExtension(key, ".parquet");

    private async Task AssertOneSetOfOutputsAsync(string key)
    {
        var stem = Path.ChangeExtension(key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..], null);
        var dataset = key[..key.IndexOf('/', StringComparison.Ordinal)];
        var outputs = await _workspace.ListOutputsAsync();
        Assert.Contains($"features/{dataset}/{stem}.parquet", outputs);
        Assert.Contains($"_manifests/{dataset}/{stem}.json", outputs);
        Assert.Contains($"_profiles/{dataset}/{stem}.json", outputs);
        Assert.Equal(2, outputs.Count(k => k.StartsWith($"_lineage/{dataset}/{stem}/", StringComparison.Ordinal))); // one run: start + complete
        Assert.DoesNotContain(outputs, k => k.StartsWith("_quarantine/", StringComparison.Ordinal));
        Assert.Empty(Directory.Exists(_workspace.TempDirectory) ? Directory.GetFiles(_workspace.TempDirectory) : []);
    }
}
