namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// What applying one commit did, kept in the key-value store and written to <c>_lakehouse/delta/&lt;table&gt;/&lt;version&gt;.json</c>
/// in the output: every add with how it ended, every remove with the outputs it leaves behind.
/// </summary>
internal sealed record DeltaCommitRecord
{
    public required string Table { get; init; }

    public long Version { get; init; }

    /// <summary>True when the table was first seen at this version and its live files were read from checkpoint + log.</summary>
    public bool Snapshot { get; init; }

    public long? FromCheckpoint { get; init; }

    public required string RunId { get; init; }

    public DateTimeOffset AppliedAt { get; init; }

    public IReadOnlyList<DeltaFileRecord> Files { get; init; } = [];

    public IReadOnlyList<DeltaFileRecord> Removed { get; init; } = [];
}
