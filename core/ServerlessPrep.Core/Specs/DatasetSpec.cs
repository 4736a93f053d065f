using System.Collections.Immutable;

namespace ServerlessPrep.Core.Specs;

/// <summary>How one dataset is matched, checked, cleaned, featurized and split. Immutable; built by <see cref="SpecParser"/> or inferred.</summary>
public sealed record DatasetSpec
{
    public required string Name { get; init; }

    /// <summary>Globs over lake keys (<c>*</c> within a segment, <c>**</c> across segments), e.g. <c>sales/**</c>.</summary>
    public ImmutableArray<string> Match { get; init; } = [];

    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>Whether the dataset is a lakehouse table (<c>table:</c>): found by probing (auto), declared Delta, or plain files.</summary>
    public TableLayout Table { get; init; } = TableLayout.Auto;

    public CsvOptions Csv { get; init; } = new();

    /// <summary>Entity id column: default split group key and online-feature key.</summary>
    public string? EntityColumn { get; init; }

    /// <summary>Event-time column: orders online features and drives time-based splits.</summary>
    public string? EventTimeColumn { get; init; }

    /// <summary>Label/target columns, passed through unchanged.</summary>
    public ImmutableArray<string> LabelColumns { get; init; } = [];

    /// <summary>Per-column settings, in the order written. Columns not listed get the inferred default when <see cref="InferUnlistedColumns"/>.</summary>
    public ImmutableArray<ColumnSpec> Columns { get; init; } = [];

    public bool InferUnlistedColumns { get; init; } = true;

    public ImmutableArray<RuleSpec> Rules { get; init; } = [];

    public DedupSpec? Dedup { get; init; }

    public ImmutableArray<CrossSpec> Crosses { get; init; } = [];

    public SplitSpec Split { get; init; } = new();

    /// <summary>Drift against the dataset's reference profile (<c>drift:</c>).</summary>
    public DriftSpec Drift { get; init; } = DriftSpec.Default;

    /// <summary>Anomaly checks on the per-object metric history (<c>anomalies:</c>).</summary>
    public ImmutableArray<AnomalySpec> Anomalies { get; init; } = [];

    public ColumnSpec? FindColumn(string name)
    {
        foreach (var c in Columns)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        return null;
    }
}

/// <summary>How data files of a dataset relate to a lakehouse table's log.</summary>
public enum TableLayout
{
    /// <summary>Probe for a <c>_delta_log/</c> (or Iceberg metadata) above each data file; one small LIST per folder level.</summary>
    Auto,

    /// <summary>A Delta table: data files are only ever processed from commits, also before the first commit exists; no probing to decide.</summary>
    Delta,

    /// <summary>Plain files: never probed, every data file is processed on its own event.</summary>
    Files,
}

public enum InputFormat
{
    Auto,
    Parquet,
    Csv,
    JsonLines,
}

public sealed record CsvOptions
{
    public char Delimiter { get; init; } = ',';

    public bool HasHeader { get; init; } = true;

    /// <summary>Rows sampled to infer column types.</summary>
    public int InferenceRows { get; init; } = 1000;
}
