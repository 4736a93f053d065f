namespace ServerlessPrep.Core.Specs;

using ServerlessPrep.Core.Data;

/// <summary>What to do with one input column.</summary>
public sealed record ColumnSpec
{
    public required string Name { get; init; }

    /// <summary>Coerce to this kind (numeric/date strings are parsed; failures become nulls and are counted).</summary>
    public DataKind? Type { get; init; }

    /// <summary>Exclude from the output (still profiled).</summary>
    public bool Drop { get; init; }

    public bool Trim { get; init; }

    public TextCase Case { get; init; } = TextCase.None;

    public ImputeSpec? Impute { get; init; }

    public OutlierSpec? Outliers { get; init; }

    /// <summary>Feature transform; <c>null</c> = the default for the column's kind and cardinality.</summary>
    public TransformSpec? Transform { get; init; }

    /// <summary>1-based line in the spec file where the column is declared (0 when inferred).</summary>
    public int Line { get; init; }
}

public enum TextCase
{
    None,
    Lower,
    Upper,
}

public enum ImputeStrategy
{
    None,
    Mean,
    Median,
    Mode,
    Constant,
}

/// <param name="Strategy">How to fill missing values.</param>
/// <param name="Constant">Fill value for <see cref="ImputeStrategy.Constant"/> (parsed as the column's kind).</param>
/// <param name="AddIndicator">Also emit <c>&lt;column&gt;__is_missing</c> (0/1).</param>
public sealed record ImputeSpec(ImputeStrategy Strategy, string? Constant = null, bool AddIndicator = false);

public enum OutlierMethod
{
    /// <summary>Fences at Q1 − k·IQR and Q3 + k·IQR (k defaults to 1.5).</summary>
    Iqr,

    /// <summary>Fences at mean ± k·σ (k defaults to 3).</summary>
    ZScore,
}

public enum OutlierAction
{
    /// <summary>Replace values beyond a fence by the fence.</summary>
    Clip,

    /// <summary>Replace values beyond the p-th / (1−p)-th percentile by that percentile.</summary>
    Winsorize,

    /// <summary>Drop the row (counted, not quarantined).</summary>
    Drop,
}

public sealed record OutlierSpec(OutlierMethod Method, double Threshold, OutlierAction Action, double WinsorizeFraction = 0.01);

public enum TransformKind
{
    /// <summary>Numeric value as float64, unchanged.</summary>
    Passthrough,
    Standardize,
    MinMax,
    Log1p,

    /// <summary>Quantile bucketing into <see cref="TransformSpec.Bins"/> bins (bin index as a number).</summary>
    Bucketize,

    /// <summary>One-hot of the top-k values plus an <c>__other</c> column.</summary>
    OneHot,

    /// <summary>Index of the value in the fitted vocabulary ordered by frequency (unknown = −1).</summary>
    Ordinal,

    /// <summary>Feature hashing of the value into <see cref="TransformSpec.Buckets"/> columns.</summary>
    Hash,

    /// <summary>Calendar parts (year, month, day, day of week, hour...) with optional sin/cos encodings.</summary>
    DateParts,

    /// <summary>Hashed term frequencies of the tokens of a text.</summary>
    TextHash,

    /// <summary>Boolean to 0/1.</summary>
    Boolean,

    /// <summary>Kept as-is in the output (entity ids, labels, raw text for downstream use).</summary>
    Keep,
}

public sealed record TransformSpec
{
    public required TransformKind Kind { get; init; }

    public int Bins { get; init; } = 10;

    public int TopK { get; init; } = 20;

    public int Buckets { get; init; } = 32;

    public bool Cyclical { get; init; } = true;
}
