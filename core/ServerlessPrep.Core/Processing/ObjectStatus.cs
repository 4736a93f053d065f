namespace ServerlessPrep.Core.Processing;

/// <summary>How one input object ended. Every object ends in exactly one of these.</summary>
public enum ObjectStatus
{
    /// <summary>Outputs written and committed.</summary>
    Processed,

    /// <summary>Nothing to do, with a reason (duplicate event, already completed, stale version, not a data file...).</summary>
    Skipped,

    /// <summary>The object (or its remains) is in quarantine with a reason; retrying without a fix will not help.</summary>
    Quarantined,

    /// <summary>A transient fault (throttling, network); the host should let the event be redelivered.</summary>
    Failed,

    /// <summary>Handed to a deployment's queue by a backfill and not finished when the backfill stopped following it.</summary>
    Pending,
}
