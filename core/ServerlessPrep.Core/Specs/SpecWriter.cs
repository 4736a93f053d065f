using System.Globalization;
using System.Text;
using static ServerlessPrep.Core.Specs.SpecVocabulary;

namespace ServerlessPrep.Core.Specs;

/// <summary>Writes specs back as YAML that <see cref="SpecParser"/> reads to the same values, so an inferred spec can be saved and edited.</summary>
public static class SpecWriter
{
    public static string Write(IEnumerable<DatasetSpec> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var sb = new StringBuilder();
        sb.Append("datasets:\n");
        foreach (var d in datasets)
        {
            WriteDataset(sb, d);
        }

        return sb.ToString();
    }

    private static void WriteDataset(StringBuilder sb, DatasetSpec d)
    {
        sb.Append("  - name: ").Append(Q(d.Name)).Append('\n');
        sb.Append("    match: [").Append(string.Join(", ", d.Match.Select(Q))).Append("]\n");
        if (d.Format != InputFormat.Auto)
        {
            sb.Append("    format: ").Append(NameOf(Formats, d.Format)).Append('\n');
        }

        if (d.Table != TableLayout.Auto)
        {
            sb.Append("    table: ").Append(NameOf(Tables, d.Table)).Append('\n');
        }

        if (d.Csv != new CsvOptions())
        {
            sb.Append("    csv: { delimiter: ").Append(Q(d.Csv.Delimiter == '\t' ? "\\t" : d.Csv.Delimiter.ToString()))
                .Append(", header: ").Append(B(d.Csv.HasHeader)).Append(", inferenceRows: ").Append(d.Csv.InferenceRows).Append(" }\n");
        }

        Line(sb, "entity", d.EntityColumn);
        Line(sb, "eventTime", d.EventTimeColumn);
        if (!d.LabelColumns.IsEmpty)
        {
            sb.Append("    labels: [").Append(string.Join(", ", d.LabelColumns.Select(Q))).Append("]\n");
        }

        if (!d.InferUnlistedColumns)
        {
            sb.Append("    inferUnlisted: false\n");
        }

        if (!d.Columns.IsEmpty)
        {
            sb.Append("    columns:\n");
            foreach (var c in d.Columns)
            {
                WriteColumn(sb, c);
            }
        }

        WriteRules(sb, d);
        if (d.Dedup is { } dedup)
        {
            sb.Append("    dedup: { keys: [").Append(string.Join(", ", dedup.Keys.Select(Q))).Append("], keep: ").Append(NameOf(DedupKeeps, dedup.Keep)).Append(" }\n");
        }

        if (!d.Crosses.IsEmpty)
        {
            sb.Append("    crosses:\n");
            foreach (var x in d.Crosses)
            {
                sb.Append("      - { columns: [").Append(string.Join(", ", x.Columns.Select(Q))).Append("], buckets: ").Append(x.Buckets).Append(" }\n");
            }
        }

        WriteSplit(sb, d.Split);
        WriteDrift(sb, d.Drift);
        WriteAnomalies(sb, d);
    }

    private static void WriteDrift(StringBuilder sb, DriftSpec drift)
    {
        if (drift == DriftSpec.Default || (drift.Enabled && drift.Thresholds == DriftSpec.Default.Thresholds && drift.Action == MonitorAction.Warn && drift.Columns.IsEmpty))
        {
            return;
        }

        sb.Append("    drift: { enabled: ").Append(B(drift.Enabled))
            .Append(", psi: ").Append(N(drift.Thresholds.PopulationStabilityIndex))
            .Append(", ks: ").Append(N(drift.Thresholds.KolmogorovSmirnov))
            .Append(", js: ").Append(N(drift.Thresholds.JensenShannon))
            .Append(", action: ").Append(NameOf(MonitorActions, drift.Action));
        if (!drift.Columns.IsEmpty)
        {
            sb.Append(", columns: [").Append(string.Join(", ", drift.Columns.Select(Q))).Append(']');
        }

        sb.Append(" }\n");
    }

    private static void WriteAnomalies(StringBuilder sb, DatasetSpec d)
    {
        if (d.Anomalies.IsEmpty)
        {
            return;
        }

        sb.Append("    anomalies:\n");
        foreach (var a in d.Anomalies)
        {
            sb.Append("      - { metric: ").Append(NameOf(AnomalyMetrics, a.Metric));
            if (a.Column is not null)
            {
                sb.Append(", column: ").Append(Q(a.Column));
            }

            sb.Append(", detector: ").Append(NameOf(AnomalyDetectors, a.Detector));
            if (a.Detector == AnomalyDetectorKind.RateOfChange)
            {
                if (a.MaxIncrease is { } up)
                {
                    sb.Append(", maxIncrease: ").Append(N(up));
                }

                if (a.MaxDecrease is { } down)
                {
                    sb.Append(", maxDecrease: ").Append(N(down));
                }
            }
            else
            {
                sb.Append(", stddevs: ").Append(N(a.Stddevs)).Append(", minHistory: ").Append(a.MinHistory);
            }

            sb.Append(", action: ").Append(NameOf(MonitorActions, a.Action)).Append(" }\n");
        }
    }

    private static void WriteColumn(StringBuilder sb, ColumnSpec c)
    {
        sb.Append("      ").Append(Q(c.Name)).Append(":\n");
        if (c.Type is { } type)
        {
            sb.Append("        type: ").Append(NameOf(Kinds, type)).Append('\n');
        }

        if (c.Drop)
        {
            sb.Append("        drop: true\n");
        }

        if (c.Trim)
        {
            sb.Append("        trim: true\n");
        }

        if (c.Case != TextCase.None)
        {
            sb.Append("        case: ").Append(NameOf(Cases, c.Case)).Append('\n');
        }

        if (c.Impute is { } imp)
        {
            sb.Append("        impute: { strategy: ").Append(NameOf(Imputes, imp.Strategy));
            if (imp.Constant is not null)
            {
                sb.Append(", value: ").Append(Q(imp.Constant));
            }

            sb.Append(", indicator: ").Append(B(imp.AddIndicator)).Append(" }\n");
        }

        if (c.Outliers is { } o)
        {
            sb.Append("        outliers: { method: ").Append(NameOf(OutlierMethods, o.Method)).Append(", k: ").Append(N(o.Threshold))
                .Append(", action: ").Append(NameOf(OutlierActions, o.Action)).Append(", fraction: ").Append(N(o.WinsorizeFraction)).Append(" }\n");
        }

        if (c.Transform is { } t)
        {
            WriteTransform(sb, t);
        }

        if (c.Type is null && !c.Drop && !c.Trim && c.Case == TextCase.None && c.Impute is null && c.Outliers is null && c.Transform is null)
        {
            sb.Length -= 1;
            sb.Append(" {}\n");
        }
    }

    private static void WriteTransform(StringBuilder sb, TransformSpec t)
    {
        var defaults = new TransformSpec { Kind = t.Kind };
        var extras = new List<string>();
        if (t.Bins != defaults.Bins)
        {
            extras.Add($"bins: {t.Bins}");
        }

        if (t.TopK != defaults.TopK)
        {
            extras.Add($"topK: {t.TopK}");
        }

        if (t.Buckets != defaults.Buckets)
        {
            extras.Add($"buckets: {t.Buckets}");
        }

        if (t.Cyclical != defaults.Cyclical)
        {
            extras.Add($"cyclical: {B(t.Cyclical)}");
        }

        var kind = NameOf(Transforms, t.Kind);
        sb.Append("        transform: ").Append(extras.Count == 0 ? kind : $"{{ kind: {kind}, {string.Join(", ", extras)} }}").Append('\n');
    }

    private static void WriteRules(StringBuilder sb, DatasetSpec d)
    {
        if (d.Rules.IsEmpty)
        {
            return;
        }

        sb.Append("    rules:\n");
        foreach (var r in d.Rules)
        {
            sb.Append("      - { check: ").Append(NameOf(Rules, r.Kind));
            if (r.Column is not null)
            {
                sb.Append(", column: ").Append(Q(r.Column));
            }

            if (r.Min is { } min)
            {
                sb.Append(", min: ").Append(N(min));
            }

            if (r.Max is { } max)
            {
                sb.Append(", max: ").Append(N(max));
            }

            if (!r.Values.IsEmpty)
            {
                sb.Append(", values: [").Append(string.Join(", ", r.Values.Select(Q))).Append(']');
            }

            if (r.Pattern is not null)
            {
                sb.Append(", pattern: ").Append(Q(r.Pattern));
            }

            sb.Append(", action: ").Append(NameOf(RuleActions, r.Action)).Append(" }\n");
        }
    }

    private static void WriteSplit(StringBuilder sb, SplitSpec s)
    {
        sb.Append("    split: { method: ").Append(NameOf(SplitMethods, s.Method));
        if (s.GroupColumn is not null)
        {
            sb.Append(", by: ").Append(Q(s.GroupColumn));
        }

        sb.Append(", salt: ").Append(Q(s.Salt)).Append(", train: ").Append(N(s.Train)).Append(", validation: ").Append(N(s.Validation)).Append(", test: ").Append(N(s.Test));
        if (s.ValidationFrom is { } vf)
        {
            sb.Append(", validationFrom: ").Append(vf.ToString("O", CultureInfo.InvariantCulture));
        }

        if (s.TestFrom is { } tf)
        {
            sb.Append(", testFrom: ").Append(tf.ToString("O", CultureInfo.InvariantCulture));
        }

        sb.Append(" }\n");
    }

    private static void Line(StringBuilder sb, string key, string? value)
    {
        if (value is not null)
        {
            sb.Append("    ").Append(key).Append(": ").Append(Q(value)).Append('\n');
        }
    }

    private static string B(bool value) => value ? "true" : "false";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Double-quoted YAML scalar: always safe, whatever the text.</summary>
    private static string Q(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var ch in value)
        {
            _ = ch switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                _ when char.IsControl(ch) => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}"),
                _ => sb.Append(ch),
            };
        }

        return sb.Append('"').ToString();
    }
}
