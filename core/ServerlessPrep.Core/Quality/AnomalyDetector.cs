using System.Globalization;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;
using static ServerlessPrep.Core.Specs.SpecVocabulary;

namespace ServerlessPrep.Core.Quality;

/// <summary>
/// The detectors of <c>anomalies:</c>, as pure functions of (check, state, value), after Deequ's strategies:
/// relative rate of change against the previous object's value, and online normal against the running mean and sample
/// standard deviation of the earlier values that were not anomalies (an anomaly does not move the normal range).
/// </summary>
public static class AnomalyDetector
{
    /// <summary>The metrics kept in the history for one object: <c>row_count</c>; <c>null_rate.&lt;c&gt;</c> per column; <c>mean.&lt;c&gt;</c> per numeric column. Non-finite values are left out.</summary>
    public static SortedDictionary<string, double> Metrics(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { [NameOf(AnomalyMetrics, AnomalyMetric.RowCount)] = profile.RowCount };
        foreach (var c in profile.Columns)
        {
            if (c.RowCount > 0)
            {
                metrics[$"{NameOf(AnomalyMetrics, AnomalyMetric.NullRate)}.{c.Name}"] = (double)c.NullCount / c.RowCount;
            }

            if (c.Kind is DataKind.Int64 or DataKind.Double && c.Mean is { } mean && double.IsFinite(mean))
            {
                metrics[$"{NameOf(AnomalyMetrics, AnomalyMetric.Mean)}.{c.Name}"] = mean;
            }
        }

        return metrics;
    }

    /// <summary>Anomalous when value / previous leaves [maxDecrease, maxIncrease]; 0 → 0 is no change. Not judged without a previous value.</summary>
    public static AnomalyVerdict RateOfChange(AnomalySpec check, double? previous, long history, double? value)
    {
        ArgumentNullException.ThrowIfNull(check);
        var verdict = Start(check, value) with { Baseline = previous, History = history };
        if (value is not { } v || previous is not { } p)
        {
            return verdict with { Reason = value is null ? "metric not available for this object" : "no previous value yet" };
        }

        var ratio = p == 0 ? (v == 0 ? 1 : v > 0 ? double.PositiveInfinity : double.NegativeInfinity) : v / p;
        var (low, high) = (check.MaxDecrease * p, check.MaxIncrease * p);
        if (p < 0)
        {
            (low, high) = (high, low);
        }

        string? reason = null;
        if (ratio > check.MaxIncrease)
        {
            reason = $"{check.MetricKey} {F(v)} is {F(ratio)}× the previous {F(p)} (maxIncrease {F(check.MaxIncrease.Value)})";
        }
        else if (ratio < check.MaxDecrease)
        {
            reason = $"{check.MetricKey} {F(v)} is {F(ratio)}× the previous {F(p)} (maxDecrease {F(check.MaxDecrease.Value)})";
        }

        return verdict with { Lower = low, Upper = high, Judged = true, Anomalous = reason is not null, Reason = reason };
    }

    /// <summary>
    /// Anomalous when the value leaves mean ± stddevs · σ of the earlier normal values; judged only once <c>minHistory</c> of them exist.
    /// Returns the state to keep: updated with the value unless it was an anomaly.
    /// </summary>
    public static (AnomalyVerdict Verdict, WelfordState State) OnlineNormal(AnomalySpec check, WelfordState state, double? value)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(state);
        var verdict = Start(check, value) with { History = state.Count, Baseline = state.Count > 0 ? state.Mean : null };
        if (value is not { } v)
        {
            return (verdict with { Reason = "metric not available for this object" }, state);
        }

        if (state.Count < check.MinHistory)
        {
            return (verdict with { Reason = $"history of {state.Count} < minHistory {check.MinHistory}" }, state.Add(v));
        }

        var spread = check.Stddevs * state.StandardDeviation;
        var (low, high) = (state.Mean - spread, state.Mean + spread);
        var anomalous = v < low || v > high;
        var judged = verdict with
        {
            Lower = low,
            Upper = high,
            Judged = true,
            Anomalous = anomalous,
            Reason = anomalous ? $"{check.MetricKey} {F(v)} outside {F(state.Mean)} ± {F(check.Stddevs)}σ = [{F(low)}, {F(high)}] over {state.Count} earlier objects" : null,
        };
        return (judged, anomalous ? state : state.Add(v));
    }

    private static AnomalyVerdict Start(AnomalySpec check, double? value) => new()
    {
        Check = check.Id,
        Metric = check.MetricKey,
        Column = check.Column,
        Detector = NameOf(AnomalyDetectors, check.Detector),
        Value = value,
        Action = NameOf(MonitorActions, check.Action),
    };

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
