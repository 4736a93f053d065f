namespace ServerlessPrep.Core.Quality;

/// <summary>
/// One anomaly check of one object: the metric's value, what it was judged against, and the verdict. <see cref="Judged"/> is
/// false while there is not enough history (no previous value, or fewer than <c>minHistory</c> normal values).
/// </summary>
public sealed record AnomalyVerdict
{
    /// <summary>The check's id (metric, detector and parameters).</summary>
    public required string Check { get; init; }

    /// <summary>History key of the metric: <c>row_count</c>, <c>null_rate.&lt;column&gt;</c>, <c>mean.&lt;column&gt;</c>.</summary>
    public required string Metric { get; init; }

    public string? Column { get; init; }

    /// <summary><c>rate_of_change</c> or <c>online_normal</c>.</summary>
    public required string Detector { get; init; }

    /// <summary>The object's value; null when the metric does not exist for it (column missing, no numeric values).</summary>
    public double? Value { get; init; }

    /// <summary>Rate of change: the previous object's value. Online normal: the mean of the earlier normal values.</summary>
    public double? Baseline { get; init; }

    /// <summary>Bounds the value had to stay within (inclusive).</summary>
    public double? Lower { get; init; }

    public double? Upper { get; init; }

    /// <summary>Values the detector had seen before this one (online normal: normal values only).</summary>
    public long History { get; init; }

    public bool Judged { get; init; }

    public bool Anomalous { get; init; }

    public string? Reason { get; init; }

    public string Action { get; init; } = "warn";
}
