namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// How far a Delta table has been applied (<see cref="AppliedVersion"/>, -1 before the first commit) and who is applying it now.
/// Commits are applied strictly in version order under this record's lease, so duplicates and reordering are harmless.
/// </summary>
internal sealed record DeltaTableState
{
    public required string TableRoot { get; init; }

    public long AppliedVersion { get; init; } = -1;

    public string? LeaseRunId { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public DeltaProtocol? Protocol { get; init; }

    public DeltaMetadata? Metadata { get; init; }

    /// <summary>The checkpoint the first application started from, when the table was first seen with one.</summary>
    public long? BootstrapCheckpoint { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
