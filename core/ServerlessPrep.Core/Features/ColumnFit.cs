namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

/// <summary>Every frozen parameter of one input column.</summary>
public sealed record ColumnFit
{
    public required string Name { get; init; }

    /// <summary>The kind the column is processed as: the coercion target (spec type, else the fitted schema's kind).</summary>
    public required DataKind Kind { get; init; }

    /// <summary>The kind the column had in the schema the fit saw.</summary>
    public required DataKind SourceKind { get; init; }

    /// <summary>Not in the output (still coerced, checked by rules, usable as a dedup or split key).</summary>
    public bool Drop { get; init; }

    public bool Trim { get; init; }

    public TextCase Case { get; init; } = TextCase.None;

    public ImputeFit? Impute { get; init; }

    public OutlierFit? Outliers { get; init; }

    /// <summary>Null when <see cref="Drop"/>.</summary>
    public TransformFit? Transform { get; init; }
}
