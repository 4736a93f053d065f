using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Core.Backfill;

/// <summary>
/// The accounting of a queued backfill: one outcome per listed object, sorted by key. Objects the functions had not finished when
/// the backfill stopped following them are <see cref="ObjectStatus.Pending"/>.
/// </summary>
public sealed record BackfillResult(IReadOnlyList<ProcessingOutcome> Outcomes, int Enqueued)
{
    public int Count(ObjectStatus status) => Outcomes.Count(o => o.Status == status);
}
