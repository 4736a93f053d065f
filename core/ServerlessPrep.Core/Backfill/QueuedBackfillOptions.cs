namespace ServerlessPrep.Core.Backfill;

/// <summary>How a queued backfill lists, enqueues and follows the deployment's progress.</summary>
public sealed record QueuedBackfillOptions
{
    /// <summary>Only objects modified at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Decide and report what would be enqueued or skipped; send nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Follow progress in the key-value store until every enqueued object finished or <see cref="Timeout"/> passed.</summary>
    public bool Wait { get; init; } = true;

    /// <summary>How long to follow progress before reporting what is still pending.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Pause between two reads of the pending objects' processing records.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Objects handed to the queue adapter per call (it splits further to its service's limit).</summary>
    public int EnqueueBatchSize { get; init; } = 100;

    /// <summary>Processing records read at the same time when the store has no batched reads.</summary>
    public int ReadConcurrency { get; init; } = 16;
}
