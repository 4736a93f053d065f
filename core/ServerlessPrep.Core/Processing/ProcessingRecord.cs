using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The processing record of one object key, kept in the key-value store under <c>pk = ds#&lt;dataset&gt;</c>, <c>sk = obj#&lt;key&gt;</c>.
/// One record per key (not per version) so that "is this event older than what we already did?" is decided by one conditional write.
/// </summary>
public sealed record ProcessingRecord
{
    public required string Key { get; init; }

    public required string Version { get; init; }

    public string? Sequencer { get; init; }

    public required string Status { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public required string RunId { get; init; }

    public string? Reason { get; init; }

    public long RowsIn { get; init; }

    public long RowsOut { get; init; }

    public long RowsQuarantined { get; init; }

    public IReadOnlyList<string> Outputs { get; init; } = [];

    public string? FitVersion { get; init; }

    public string? SchemaVersion { get; init; }

    /// <summary>Drift against the reference and anomaly verdicts; null when neither applies.</summary>
    public MonitoringVerdict? Monitoring { get; init; }

    /// <summary>Every failed attempt's reason, oldest first (kept for poison objects).</summary>
    public IReadOnlyList<string> ErrorHistory { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Status words stored in <see cref="ProcessingRecord.Status"/>.</summary>
public static class RecordStatus
{
    public const string InProgress = "INPROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Quarantined = "QUARANTINED";
    public const string Skipped = "SKIPPED";
}
