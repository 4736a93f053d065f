using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Profiling;

/// <summary>
/// The immutable profile of one column over one batch, object or whole dataset. Numeric statistics are over the non-null,
/// finite values (booleans as 0/1; timestamps and dates in microseconds since the epoch). Profiles of the same column
/// merge exactly like the data would: counts, nulls, min and max exactly; mean and variance to rounding; quantiles,
/// distinct counts and top values within their sketches' stated bounds.
/// </summary>
public sealed class ColumnProfile : IColumnStatistics
{
    internal ColumnProfile(
        ProfilerOptions options,
        string name,
        DataKind kind,
        long rowCount,
        long nullCount,
        HyperLogLogSketch distinct,
        MomentsSketch? moments,
        KllSketch? quantiles,
        FrequentItemsSketch? frequent,
        TextSketch? text,
        SemanticTypeSketch? semantic,
        bool topValuesDropped = false)
    {
        TopValuesDropped = topValuesDropped;
        Options = options;
        Name = name;
        Kind = kind;
        RowCount = rowCount;
        NullCount = nullCount;
        DistinctSketch = distinct;
        MomentsSketch = moments;
        QuantileSketch = quantiles;
        FrequentSketch = frequent;
        TextSketch = text;
        SemanticSketch = semantic;
    }

    public string Name { get; }

    public DataKind Kind { get; }

    public ProfilerOptions Options { get; }

    /// <summary>Rows of the batches in which the column was present, including nulls.</summary>
    public long RowCount { get; }

    public long NullCount { get; }

    public long NonNullCount => RowCount - NullCount;

    /// <summary>Non-null finite values (the population of the numeric statistics); 0 for text.</summary>
    public long ValueCount => MomentsSketch?.Count ?? 0;

    public long NaNCount => MomentsSketch?.NaNCount ?? 0;

    public long PositiveInfinityCount => MomentsSketch?.PositiveInfinityCount ?? 0;

    public long NegativeInfinityCount => MomentsSketch?.NegativeInfinityCount ?? 0;

    public double? Min => ValueCount == 0 ? null : MomentsSketch!.Min;

    public double? Max => ValueCount == 0 ? null : MomentsSketch!.Max;

    public double? Mean => ValueCount == 0 ? null : MomentsSketch!.Mean;

    public double? Variance => ValueCount < 2 ? null : MomentsSketch!.Variance;

    public double? StandardDeviation => Variance is { } v ? Math.Sqrt(v) : null;

    public double? Skewness => ValueCount < 2 || MomentsSketch!.M2 == 0 ? null : MomentsSketch.Skewness;

    public double? ExcessKurtosis => ValueCount < 2 || MomentsSketch!.M2 == 0 ? null : MomentsSketch.ExcessKurtosis;

    public double DistinctEstimate => DistinctSketch.Estimate();

    /// <summary>Whether <see cref="DistinctEstimate"/> is exact (few distinct values), else its relative standard error.</summary>
    public double DistinctStandardError => DistinctSketch.StandardError;

    /// <summary>Bound on the normalized rank error of <see cref="Quantile"/> (99 % confidence), or null without numeric values.</summary>
    public double? QuantileRankError => ValueCount == 0 ? null : QuantileSketch!.NormalizedRankError;

    /// <summary>Whether the column was found near-unique (ids, emails, free text) and its top values were not tracked.</summary>
    public bool TopValuesDropped { get; }

    /// <summary>How much any count in <see cref="TopValues"/> may underestimate the true count (0: exact).</summary>
    public long TopValuesMaximumError => FrequentSketch?.MaximumError ?? 0;

    public TextStatistics? Text => TextSketch is { Count: > 0 } t
        ? new TextStatistics(t.MinLength, t.MaxLength, t.MeanLength, t.MinTokens, t.MaxTokens, t.MeanTokens, t.EmptyCount)
        : null;

    public SemanticType SemanticType => SemanticSketch?.Infer(DistinctEstimate, NonNullCount, TextSketch?.MeanTokens ?? 0)
        ?? SemanticType.Unknown;

    internal HyperLogLogSketch DistinctSketch { get; }

    internal MomentsSketch? MomentsSketch { get; }

    internal KllSketch? QuantileSketch { get; }

    internal FrequentItemsSketch? FrequentSketch { get; }

    internal TextSketch? TextSketch { get; }

    internal SemanticTypeSketch? SemanticSketch { get; }

    public double? Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        return ValueCount == 0 ? null : QuantileSketch!.Quantile(q);
    }

    /// <summary>Estimated fraction of the numeric values ≤ <paramref name="value"/>, or null without numeric values.</summary>
    public double? Cdf(double value) => ValueCount == 0 ? null : QuantileSketch!.Rank(value);

    public IReadOnlyList<ItemCount> TopValues(int k) => FrequentSketch?.Top(k) ?? [];

    /// <summary>Equal-width bins from min to max with counts estimated from the quantile sketch; empty without numeric values.</summary>
    public IReadOnlyList<HistogramBin> Histogram(int bins = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (ValueCount == 0)
        {
            return [];
        }

        double min = Min!.Value, max = Max!.Value;
        if (min == max || bins == 1)
        {
            return [new HistogramBin(min, max, ValueCount)];
        }

        var sketch = QuantileSketch!;
        var width = (max - min) / bins;
        var result = new HistogramBin[bins];
        long assigned = 0;
        for (var i = 0; i < bins; i++)
        {
            var lower = min + i * width;
            var upper = i == bins - 1 ? max : min + (i + 1) * width;

            // Counts from the CDF at the upper edges: they telescope, so the bins add up to ValueCount exactly.
            var upTo = i == bins - 1 ? ValueCount : (long)Math.Round(sketch.Rank(BelowOrEqual(upper)) * ValueCount);
            result[i] = new HistogramBin(lower, upper, upTo - assigned);
            assigned = upTo;
        }

        return result;
    }

    /// <summary>This profile merged with another of the same column (kinds equal or widenable; see <see cref="ColumnProfileAccumulator.CommonKind"/>).</summary>
    public ColumnProfile Merge(ColumnProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var accumulator = ColumnProfileAccumulator.From(this);
        accumulator.Merge(ColumnProfileAccumulator.From(other));
        return accumulator.Freeze();
    }

    public override string ToString() => $"{Name}: {Kind}, {RowCount} rows, {NullCount} nulls";

    // Bins are [lower, upper): count values strictly below an inner edge.
    private static double BelowOrEqual(double edge) => Math.BitDecrement(edge);
}
