using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>Seeded, thread-safe coin flips deciding which storage calls fail with <see cref="TransientStorageException"/>.</summary>
internal sealed class FaultInjector(int seed, double rate)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _injected;

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>When false, no call fails (used to let a run drain once the chaos phase is over).</summary>
    public bool Enabled { get; set; } = true;

    public void MaybeFail(string operation)
    {
        if (Roll())
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

    private bool Roll()
    {
        if (!Enabled)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }
}
