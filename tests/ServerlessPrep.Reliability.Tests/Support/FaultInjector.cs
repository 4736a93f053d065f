using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>Seeded, thread-safe coin flips deciding which storage calls fail with <see cref="TransientStorageException"/>.</summary>
internal sealed class FaultInjector(int seed, double rate, double readRate)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _injected;

    public int Injected => Volatile.Read(ref _injected);

    public void MaybeFail(string operation) => MaybeFail(operation, rate);

    /// <summary>Reads of an open stream are many small calls; they fail at their own (lower) rate.</summary>
    public void MaybeFailRead() => MaybeFail("stream read", readRate);

    private void MaybeFail(string operation, double probability)
    {
        if (Roll(probability))
        {
            Interlocked.Increment(ref _injected);
            throw new TransientStorageException($"injected fault in {operation}");
        }
    }

    /// <summary>True half of the time: a write that fails after it took effect (a timeout after commit).</summary>
    public bool AfterCommit()
    {
        lock (_gate)
        {
            return _random.Next(2) == 0;
        }
    }

    private bool Roll(double probability)
    {
        lock (_gate)
        {
            return _random.NextDouble() < probability;
        }
    }
}
