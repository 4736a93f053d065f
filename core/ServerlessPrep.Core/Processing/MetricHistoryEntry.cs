using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>One object's metrics in the dataset's history (<c>metrics#&lt;sequence&gt;</c>), with the anomaly verdicts it got.</summary>
public sealed record MetricHistoryEntry
{
    /// <summary>1, 2, 3, … in the order objects committed their metrics.</summary>
    public required long Sequence { get; init; }

    public required string ObjectKey { get; init; }

    public required string ObjectVersion { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    public IReadOnlyList<AnomalyVerdict> Anomalies { get; init; } = [];

    /// <summary>The object was quarantined (by an anomaly or drift check): its values are kept here but are no baseline for later objects.</summary>
    public bool Quarantined { get; init; }
}
