using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>Written last for an object: the commit point. Readers trust outputs listed in a manifest, never a bare file.</summary>
public sealed record ObjectManifest
{
    public required string Dataset { get; init; }

    public required string InputKey { get; init; }

    public required string InputVersion { get; init; }

    public required string RunId { get; init; }

    public required string FitVersion { get; init; }

    public required string FitSource { get; init; }

    public required string SchemaVersion { get; init; }

    public long RowsIn { get; init; }

    public long RowsOut { get; init; }

    public long RowsQuarantined { get; init; }

    public IReadOnlyDictionary<string, long> SplitCounts { get; init; } = new Dictionary<string, long>();

    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>Parts a large object was processed in (its features are one file per part, all listed in <see cref="Outputs"/>); absent for a whole object.</summary>
    public int? Parts { get; init; }

    /// <summary>Drift against the reference and anomaly verdicts; absent when neither applies.</summary>
    public MonitoringVerdict? Monitoring { get; init; }

    public DateTimeOffset CommittedAt { get; init; }
}
