namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Features;

/// <summary>How one fitted column is produced from an input schema: where it is read from and what it feeds.</summary>
internal sealed class ColumnPlan(ColumnFit fit, int inputIndex, Featurizer? featurizer)
{
    public ColumnFit Fit { get; } = fit;

    public string Name => Fit.Name;

    /// <summary>Index in the input batch, or −1 when the column is absent (read as all-missing).</summary>
    public int InputIndex { get; } = inputIndex;

    /// <summary>Null for Keep and dropped columns.</summary>
    public Featurizer? Featurizer { get; } = featurizer;

    public bool Keep => !Fit.Drop && Featurizer is null;

    /// <summary>Featurized, but also passed through as-is: the entity and event-time columns (online features and consumers need them raw).</summary>
    public bool KeepRaw { get; init; }

    /// <summary>Whether the column is read at all: in the output, or a rule, dedup, split, cross or outlier-drop input.</summary>
    public bool Used { get; set; } = !fit.Drop;

    public bool Indicator => !Fit.Drop && Fit.Impute is { AddIndicator: true };
}
