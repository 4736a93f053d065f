using System.Collections.Immutable;
using ServerlessPrep.Core.Quality;
using YamlDotNet.RepresentationModel;
using static ServerlessPrep.Core.Specs.SpecVocabulary;

namespace ServerlessPrep.Core.Specs;

/// <summary>Parses <c>drift:</c> and <c>anomalies:</c>.</summary>
internal static class MonitorSpecParser
{
    public static DriftSpec ParseDrift(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return DriftSpec.Default;
        }

        var c = $"{ctx}.drift";
        if (node is not YamlMappingNode m)
        {
            r.Error(node, $"{c} must be a mapping like {{ psi: 0.2, ks: 0.1, js: 0.1, action: warn }}");
            return DriftSpec.Default;
        }

        r.CheckKeys(m, c, "enabled", "psi", "ks", "js", "action", "columns");
        var defaults = DriftThresholds.Default;
        return new DriftSpec
        {
            Enabled = r.Boolean(m, "enabled", c) ?? true,
            Thresholds = new DriftThresholds
            {
                PopulationStabilityIndex = Positive(r, m, "psi", c) ?? defaults.PopulationStabilityIndex,
                KolmogorovSmirnov = Positive(r, m, "ks", c) ?? defaults.KolmogorovSmirnov,
                JensenShannon = Positive(r, m, "js", c) ?? defaults.JensenShannon,
            },
            Action = Action(r, m, c),
            Columns = [.. r.StringList(m, "columns", c)],
        };
    }

    public static ImmutableArray<AnomalySpec> ParseAnomalies(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode seq)
        {
            r.Error(node, $"{ctx}.anomalies must be a list like [{{ metric: row_count, detector: rate_of_change, maxIncrease: 2 }}]");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<AnomalySpec>();
        foreach (var item in seq)
        {
            if (item is not YamlMappingNode m)
            {
                r.Error(item, $"{ctx}.anomalies: each entry must be a mapping with 'metric' and 'detector'");
                continue;
            }

            if (ParseAnomaly(r, m, ctx) is { } anomaly)
            {
                result.Add(anomaly);
            }
        }

        foreach (var group in result.GroupBy(a => a.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            r.Error(group.Last().Line, 1, $"{ctx}.anomalies: the check '{group.Key}' is listed {group.Count()} times");
        }

        return result.ToImmutable();
    }

    private static AnomalySpec? ParseAnomaly(YamlNodeReader r, YamlMappingNode m, string ctx)
    {
        var c = $"{ctx}.anomalies (line {m.Start.Line})";
        r.CheckKeys(m, c, "metric", "column", "detector", "maxIncrease", "maxDecrease", "stddevs", "minHistory", "action");
        var metricText = r.String(m, "metric", c);
        var detectorText = r.String(m, "detector", c);
        if (metricText is null || detectorText is null)
        {
            r.Error(m, $"{c}: an anomaly check needs 'metric' (row_count, null_rate, mean) and 'detector' (rate_of_change, online_normal)");
            return null;
        }

        var metric = r.Enum(r.Child(m, "metric")!, metricText, $"{c}.metric", AnomalyMetrics);
        var detector = r.Enum(r.Child(m, "detector")!, detectorText, $"{c}.detector", AnomalyDetectors);
        var action = Action(r, m, c);
        if (metric is null || detector is null)
        {
            return null;
        }

        var defaults = new AnomalySpec { Metric = metric.Value, Detector = detector.Value };
        var spec = defaults with
        {
            Column = r.String(m, "column", c),
            MaxIncrease = r.Number(m, "maxIncrease", c),
            MaxDecrease = r.Number(m, "maxDecrease", c),
            Stddevs = Positive(r, m, "stddevs", c) ?? defaults.Stddevs,
            MinHistory = r.Integer(m, "minHistory", c, 2) ?? defaults.MinHistory,
            Action = action,
            Line = (int)m.Start.Line,
        };
        Validate(r, m, spec, c);
        return spec;
    }

    private static void Validate(YamlNodeReader r, YamlMappingNode m, AnomalySpec spec, string c)
    {
        if (spec.Metric == AnomalyMetric.RowCount && spec.Column is not null)
        {
            r.Error(r.Child(m, "column")!, $"{c}: row_count is about the whole object; remove 'column'");
        }
        else if (spec.Metric != AnomalyMetric.RowCount && spec.Column is null)
        {
            r.Error(m, $"{c}: metric '{NameOf(AnomalyMetrics, spec.Metric)}' needs a 'column'");
        }

        if (spec.Detector == AnomalyDetectorKind.RateOfChange)
        {
            foreach (var key in (ReadOnlySpan<string>)["stddevs", "minHistory"])
            {
                if (r.Child(m, key) is { } extra)
                {
                    r.Error(extra, $"{c}: '{key}' applies to the online_normal detector, not rate_of_change");
                }
            }

            if (spec.MaxIncrease is null && spec.MaxDecrease is null)
            {
                r.Error(m, $"{c}: rate_of_change needs 'maxIncrease' and/or 'maxDecrease' (bounds on current / previous, e.g. 2 and 0.5)");
            }
            else if (spec.MaxIncrease is <= 0 || spec.MaxDecrease is < 0 || spec.MaxDecrease > spec.MaxIncrease)
            {
                r.Error(m, $"{c}: expected 0 ≤ maxDecrease ≤ maxIncrease and maxIncrease > 0, got maxDecrease {spec.MaxDecrease}, maxIncrease {spec.MaxIncrease}");
            }
        }
        else
        {
            foreach (var key in (ReadOnlySpan<string>)["maxIncrease", "maxDecrease"])
            {
                if (r.Child(m, key) is { } extra)
                {
                    r.Error(extra, $"{c}: '{key}' applies to the rate_of_change detector, not online_normal");
                }
            }
        }
    }

    private static MonitorAction Action(YamlNodeReader r, YamlMappingNode m, string c)
    {
        var node = r.Child(m, "action");
        return node is null ? MonitorAction.Warn : r.Enum(node, r.String(m, "action", c), $"{c}.action", MonitorActions) ?? MonitorAction.Warn;
    }

    private static double? Positive(YamlNodeReader r, YamlMappingNode m, string key, string c)
    {
        var value = r.Number(m, key, c);
        if (value is <= 0)
        {
            r.Error(r.Child(m, key)!, $"{c}.{key} must be greater than 0, got {value}");
            return null;
        }

        return value;
    }
}
