using System.Text.Json.Serialization;

namespace ServerlessPrep.Core.Quality;

/// <summary>
/// Drift and anomaly verdicts of one object, stored in its processing record and manifest, its profile report and the lineage
/// COMPLETE event. <see cref="Reference"/> is null (and <see cref="Drift"/> empty) when the dataset has no reference profile.
/// </summary>
public sealed record MonitoringVerdict
{
    public static MonitoringVerdict None { get; } = new();

    /// <summary>Id of the reference profile compared against (<c>ref-&lt;xxhash64&gt;</c>).</summary>
    public string? Reference { get; init; }

    public IReadOnlyList<ColumnDriftVerdict> Drift { get; init; } = [];

    public IReadOnlyList<AnomalyVerdict> Anomalies { get; init; } = [];

    public bool Drifted => Drift.Any(d => d.Drifted);

    public bool Anomalous => Anomalies.Any(a => a.Anomalous);

    [JsonIgnore]
    public IEnumerable<string> DriftedColumns => Drift.Where(d => d.Drifted).Select(d => d.Column);

    [JsonIgnore]
    public bool IsEmpty => Reference is null && Anomalies.Count == 0;
}
