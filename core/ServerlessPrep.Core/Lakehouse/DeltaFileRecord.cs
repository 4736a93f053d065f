namespace ServerlessPrep.Core.Lakehouse;

/// <summary>One data file of a Delta table as the log described it and as we handled it.</summary>
internal sealed record DeltaFileRecord
{
    public required string Key { get; init; }

    public required string Path { get; init; }

    public long Size { get; init; }

    public long ModificationTime { get; init; }

    public IReadOnlyList<KeyValuePair<string, string?>> PartitionValues { get; init; } = [];

    public long AddedInVersion { get; init; }

    /// <summary>processed, skipped or quarantined (how the add ended), then removed once a commit removes it.</summary>
    public required string Status { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyList<string> Outputs { get; init; } = [];

    public long? RemovedInVersion { get; init; }

    /// <summary>False when the remove only rewrote rows (OPTIMIZE): the rows live on in another file, and so do these outputs.</summary>
    public bool? RemovedWithDataChange { get; init; }
}
