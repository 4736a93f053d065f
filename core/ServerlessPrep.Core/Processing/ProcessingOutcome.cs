using System.Collections.Immutable;

using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>The result of processing one object: what the CLI's <c>--json</c> summary and the hosts report.</summary>
public sealed record ProcessingOutcome
{
    public required string Key { get; init; }

    public string? Dataset { get; init; }

    public required ObjectStatus Status { get; init; }

    public string? Reason { get; init; }

    public long RowsIn { get; init; }

    public long RowsOut { get; init; }

    public long RowsQuarantined { get; init; }

    public long BytesIn { get; init; }

    public ImmutableArray<string> Outputs { get; init; } = [];

    /// <summary>Drift and anomaly verdicts of a processed (or monitoring-quarantined) object; null when neither applies.</summary>
    public MonitoringVerdict? Monitoring { get; init; }

    /// <summary>True when the host should ask for redelivery (only for <see cref="ObjectStatus.Failed"/>).</summary>
    public bool Retryable => Status == ObjectStatus.Failed;
}
