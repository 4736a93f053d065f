using System.Collections.Concurrent;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>What the workers of a chaos run reported, event by event.</summary>
internal sealed class ChaosTally
{
    private int _processed;
    private int _skipped;
    private int _quarantined;
    private int _redeliveries;
    private int _thrown;

    public ConcurrentDictionary<(int Index, string Version), int> ProcessedPerVersion { get; } = new();

    public ConcurrentBag<string> Unexpected { get; } = [];

    public int Processed => _processed;

    public int Skipped => _skipped;

    public int Quarantined => _quarantined;

    /// <summary>Events handed back for redelivery: Failed outcomes plus transient exceptions out of ProcessAsync.</summary>
    public int Redeliveries => _redeliveries;

    public int Thrown => _thrown;

    /// <summary>Records an outcome; returns true when the event needs redelivery.</summary>
    public bool Add(ChaosEvent e, ProcessingOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ObjectStatus.Processed:
                Interlocked.Increment(ref _processed);
                ProcessedPerVersion.AddOrUpdate((e.Index, e.Created.Version!), 1, (_, n) => n + 1);
                return false;
            case ObjectStatus.Skipped:
                Interlocked.Increment(ref _skipped);
                return false;
            case ObjectStatus.Quarantined:
                Interlocked.Increment(ref _quarantined);
                if (string.IsNullOrWhiteSpace(outcome.Reason))
                {
                    Unexpected.Add($"{e.Created.Key}: quarantined without a reason");
                }

                return false;
            default:
                Interlocked.Increment(ref _redeliveries);
                return true;
        }
    }

    /// <summary>Records an exception out of ProcessAsync; transient ones mean redelivery, anything else is a finding.</summary>
    public bool Add(ChaosEvent e, Exception exception)
    {
        Interlocked.Increment(ref _thrown);
        if (TransientFaults.IsTransient(exception))
        {
            Interlocked.Increment(ref _redeliveries);
            return true;
        }

        Unexpected.Add($"{e.Created.Key} {e.Created.Version}: {exception}");
        return false;
    }
}
