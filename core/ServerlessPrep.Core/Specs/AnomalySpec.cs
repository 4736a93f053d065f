using System.Globalization;

namespace ServerlessPrep.Core.Specs;

public enum AnomalyMetric
{
    /// <summary>Rows in the object.</summary>
    RowCount,

    /// <summary>Share of null values of a column.</summary>
    NullRate,

    /// <summary>Mean of a numeric column.</summary>
    Mean,
}

public enum AnomalyDetectorKind
{
    /// <summary>current / previous outside [maxDecrease, maxIncrease] (Deequ's RelativeRateOfChangeStrategy).</summary>
    RateOfChange,

    /// <summary>Outside mean ± stddevs · σ of the earlier, non-anomalous values (Deequ's OnlineNormalStrategy, Welford updates).</summary>
    OnlineNormal,
}

/// <summary>One entry of <c>anomalies:</c>: a metric of each object judged against the dataset's metric history.</summary>
public sealed record AnomalySpec
{
    public required AnomalyMetric Metric { get; init; }

    /// <summary>Null for <see cref="AnomalyMetric.RowCount"/>.</summary>
    public string? Column { get; init; }

    public required AnomalyDetectorKind Detector { get; init; }

    /// <summary>Rate of change: the largest allowed current / previous ratio (e.g. 2 = at most double). Null = unbounded.</summary>
    public double? MaxIncrease { get; init; }

    /// <summary>Rate of change: the smallest allowed current / previous ratio (e.g. 0.5 = at least half). Null = unbounded.</summary>
    public double? MaxDecrease { get; init; }

    /// <summary>Online normal: how many standard deviations from the mean are still normal.</summary>
    public double Stddevs { get; init; } = 3;

    /// <summary>Online normal: earlier non-anomalous values needed before it judges.</summary>
    public int MinHistory { get; init; } = 5;

    public MonitorAction Action { get; init; } = MonitorAction.Warn;

    public int Line { get; init; }

    /// <summary>The metric's key in the history, e.g. <c>row_count</c>, <c>null_rate.amount</c>, <c>mean.amount</c>.</summary>
    public string MetricKey => Column is null
        ? SpecVocabulary.NameOf(SpecVocabulary.AnomalyMetrics, Metric)
        : $"{SpecVocabulary.NameOf(SpecVocabulary.AnomalyMetrics, Metric)}.{Column}";

    /// <summary>Identifies the check with its parameters: detector state is kept per id, so changing a parameter starts afresh from the history.</summary>
    public string Id => Detector == AnomalyDetectorKind.RateOfChange
        ? string.Create(CultureInfo.InvariantCulture, $"{MetricKey}|rate_of_change|{MaxDecrease}|{MaxIncrease}")
        : string.Create(CultureInfo.InvariantCulture, $"{MetricKey}|online_normal|{Stddevs}|{MinHistory}");
}
