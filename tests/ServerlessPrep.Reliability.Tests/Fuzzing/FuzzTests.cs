using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Local;
using ServerlessPrep.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServerlessPrep.Reliability.Tests.Fuzzing;

/// <summary>Seeded mutated inputs through the whole processor: never a throw, always an outcome with a reason, bounded memory and time.</summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int CasesPerMutation = 50;
    private const long MaxAllocatedBytesPerCase = 512L * 1024 * 1024;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(Mutation.BitFlips)]
    [InlineData(Mutation.FooterBitFlips)]
    [InlineData(Mutation.Truncation)]
    [InlineData(Mutation.HugeFooterLength)]
    [InlineData(Mutation.RandomBytes)]
    [InlineData(Mutation.RaggedCsv)]
    [InlineData(Mutation.InvalidUtf8Jsonl)]
    public async Task ProcessAsync_MutatedInput_EndsProcessedOrQuarantinedWithoutThrowing(Mutation mutation)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var processor = new Processor(_workspace.Lake, new FileSystemObjectStore(_workspace.OutputDirectory), new InMemoryKeyValueStore(time), SpecSet.Empty, _workspace.Options() with { TransientRetryDelay = TimeSpan.Zero }, time);
        var seedKey = LakeData.Key(1, "orders");
        var parquet = await LakeData.ContentAsync(seedKey, 1);
        int processed = 0, quarantined = 0;
        var unclassified = new List<string>();
        long maxAllocated = 0;
        for (var seed = 0; seed < CasesPerMutation; seed++)
        {
            var random = new Random((int)mutation * 10_000 + seed);
            var key = $"fuzz{mutation}/case-{seed:D4}{Mutator.Extension(mutation, random)}";
            var content = Mutator.Apply(mutation, parquet, random);
            var created = await _workspace.PutAsync(key, content, version: "v1", sequencer: "01");
            using var timeout = new CancellationTokenSource(CaseTimeout);
            var before = GC.GetTotalAllocatedBytes();

            var outcome = await RunCaseAsync(processor, created, timeout.Token, $"{mutation} seed {seed}");

            var allocated = GC.GetTotalAllocatedBytes() - before;
            maxAllocated = Math.Max(maxAllocated, allocated);
            Assert.True(allocated < MaxAllocatedBytesPerCase, $"{mutation} seed {seed} ({key}) allocated {allocated:N0} bytes");
            Assert.True(outcome.Status is ObjectStatus.Processed or ObjectStatus.Quarantined, $"{mutation} seed {seed}: {outcome.Status} {outcome.Reason}");
            if (outcome.Status == ObjectStatus.Quarantined)
            {
                quarantined++;
                Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
                Assert.Contains(key, outcome.Reason, StringComparison.Ordinal);
                if (outcome.Reason.Contains($"{key}: unexpected ", StringComparison.Ordinal))
                {
                    unclassified.Add(outcome.Reason); // quarantined, but by the processor's catch-all rather than a reader's data-fault check
                }
            }
            else
            {
                processed++;
            }
        }

        output.WriteLine($"{mutation}: {CasesPerMutation} cases, {processed} processed, {quarantined} quarantined ({unclassified.Count} by the catch-all), max allocated per case {maxAllocated / (1024 * 1024)} MB");
        Assert.True(unclassified.Count == 0, "quarantined by the catch-all instead of as a data fault:\n" + string.Join("\n", unclassified));
    }

    private static async Task<ProcessingOutcome> RunCaseAsync(Processor processor, ObjectCreated created, CancellationToken cancellationToken, string name)
    {
        try
        {
            return await processor.ProcessAsync(created, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{name} ({created.Key}) did not finish within {CaseTimeout}");
            throw;
        }
    }
}
