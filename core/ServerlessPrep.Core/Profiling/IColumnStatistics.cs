using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Profiling;

/// <summary>A value and how often it was seen (exact, or an estimate with a bounded error from a frequent-items sketch).</summary>
public readonly record struct ItemCount(string Value, long Count);

/// <summary>
/// What transform fitting and quality checks need to know about a column, whether it comes from one object's profile or a
/// merged dataset profile. Numeric statistics are over non-null, finite values; timestamps and dates in microseconds since the epoch.
/// </summary>
public interface IColumnStatistics
{
    string Name { get; }

    DataKind Kind { get; }

    /// <summary>Rows seen, including nulls.</summary>
    long RowCount { get; }

    long NullCount { get; }

    double? Min { get; }

    double? Max { get; }

    double? Mean { get; }

    /// <summary>Sample variance (n − 1 denominator).</summary>
    double? Variance { get; }

    double DistinctEstimate { get; }

    /// <summary>The value at rank <paramref name="q"/> ∈ [0, 1], or null when there are no numeric values.</summary>
    double? Quantile(double q);

    /// <summary>Most frequent values, most frequent first (text and booleans rendered invariantly; at most <paramref name="k"/>).</summary>
    IReadOnlyList<ItemCount> TopValues(int k);
}
