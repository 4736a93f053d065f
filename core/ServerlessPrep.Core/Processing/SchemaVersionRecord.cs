namespace ServerlessPrep.Core.Processing;

/// <summary>Catalog entry <c>schema#&lt;n&gt;</c>: one distinct schema of a dataset and the object that introduced it.</summary>
public sealed record SchemaVersionRecord
{
    public required int Number { get; init; }

    public required string Fingerprint { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    public required string FirstObject { get; init; }

    public DateTimeOffset FirstSeen { get; init; }
}

/// <summary>Catalog entry <c>part#&lt;partition path&gt;#&lt;key&gt;</c>: an object seen in a partition with its row count.</summary>
public sealed record PartitionRecord
{
    public required string Partition { get; init; }

    public required string Key { get; init; }

    public long Rows { get; init; }

    public int SchemaVersion { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
