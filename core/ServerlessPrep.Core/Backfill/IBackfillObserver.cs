using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Core.Backfill;

/// <summary>Progress of a queued backfill, for a console or a log.</summary>
public interface IBackfillObserver
{
    /// <summary>Listing finished: the objects (and their bytes) every outcome will be counted against.</summary>
    void Listed(int objects, long bytes);

    /// <summary>Messages accepted by the queue so far.</summary>
    void Enqueued(int messages);

    /// <summary>One listed object reached its final state (decided before enqueueing, or read back from the key-value store).</summary>
    void ObjectDone(ProcessingOutcome outcome);
}
