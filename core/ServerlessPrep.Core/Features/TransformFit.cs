using System.Collections.Immutable;

namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Specs;

/// <summary>
/// Frozen parameters of one column's feature transform. Only the fields its <see cref="Kind"/> uses are set:
/// <see cref="TransformKind.Standardize"/> Mean/StdDev, <see cref="TransformKind.MinMax"/> Min/Max,
/// <see cref="TransformKind.Bucketize"/> BinEdges, <see cref="TransformKind.OneHot"/> and <see cref="TransformKind.Ordinal"/> Vocabulary,
/// <see cref="TransformKind.Hash"/> and <see cref="TransformKind.TextHash"/> Buckets, <see cref="TransformKind.DateParts"/> Cyclical.
/// </summary>
public sealed record TransformFit
{
    public required TransformKind Kind { get; init; }

    public double? Mean { get; init; }

    public double? StdDev { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>Strictly increasing inner bin edges; value x falls in bin = number of edges ≤ x.</summary>
    public ImmutableArray<double> BinEdges { get; init; } = [];

    /// <summary>Fitted values, most frequent first (ties by ordinal order).</summary>
    public ImmutableArray<string> Vocabulary { get; init; } = [];

    public int Buckets { get; init; }

    public bool Cyclical { get; init; }
}
