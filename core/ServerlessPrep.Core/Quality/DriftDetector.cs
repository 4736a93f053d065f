using System.Collections.Immutable;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;

namespace ServerlessPrep.Core.Quality;

/// <summary>Compares profiles for distribution drift without the data (see <see cref="DriftReport"/>).</summary>
public static class DriftDetector
{
    private const double Smoothing = 1e-4;
    private const int MaxListedCategories = 20;
    private const string OtherBucket = "\u0000other";

    /// <summary>One report per column present in both profiles with compatible kinds, in the reference's order.</summary>
    public static ImmutableArray<DriftReport> Compare(DatasetProfile reference, DatasetProfile current, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var reports = ImmutableArray.CreateBuilder<DriftReport>();
        foreach (var column in reference.Columns)
        {
            if (current.Find(column.Name) is { } other && ColumnProfileAccumulator.CommonKind(column.Kind, other.Kind) is not null)
            {
                reports.Add(Compare(column, other, thresholds));
            }
        }

        return reports.ToImmutable();
    }

    public static DriftReport Compare(ColumnProfile reference, ColumnProfile current, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var limits = thresholds ?? DriftThresholds.Default;
        double? psi = null, ks = null, js = null;
        ImmutableArray<string> added = [], missing = [];
        if (IsCategorical(reference) && IsCategorical(current))
        {
            (js, added, missing) = CompareCategories(reference, current);
        }
        else if (reference.ValueCount > 0 && current.ValueCount > 0)
        {
            psi = PopulationStabilityIndex(reference, current);
            ks = KolmogorovSmirnov(reference, current);
        }

        var reasons = new List<string>();
        if (psi > limits.PopulationStabilityIndex)
        {
            reasons.Add($"PSI {psi:0.###} > {limits.PopulationStabilityIndex}");
        }

        if (ks > limits.KolmogorovSmirnov)
        {
            reasons.Add($"KS {ks:0.###} > {limits.KolmogorovSmirnov}");
        }

        if (js > limits.JensenShannon)
        {
            reasons.Add($"JS {js:0.###} > {limits.JensenShannon}");
        }

        return new DriftReport(
            reference.Name,
            current.Kind,
            psi,
            ks,
            js,
            added,
            missing,
            reasons.Count > 0,
            reasons.Count > 0 ? string.Join("; ", reasons) : null);
    }

    /// <summary>PSI over the reference's deciles: Σ (a − e) · ln(a / e), each bin's share smoothed away from 0.</summary>
    public static double PopulationStabilityIndex(ColumnProfile reference, ColumnProfile current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var edges = new List<double>(9);
        for (var i = 1; i <= 9; i++)
        {
            var edge = reference.Quantile(i / 10.0)!.Value;
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        double psi = 0, previousExpected = 0, previousActual = 0;
        for (var i = 0; i <= edges.Count; i++)
        {
            var expectedCdf = i < edges.Count ? reference.Cdf(edges[i])!.Value : 1;
            var actualCdf = i < edges.Count ? current.Cdf(edges[i])!.Value : 1;
            var e = Math.Max(expectedCdf - previousExpected, Smoothing);
            var a = Math.Max(actualCdf - previousActual, Smoothing);
            psi += (a - e) * Math.Log(a / e);
            (previousExpected, previousActual) = (expectedCdf, actualCdf);
        }

        return psi;
    }

    /// <summary>sup |F_ref − F_cur|, evaluated at every item either quantile sketch retains (the CDFs' step points).</summary>
    public static double KolmogorovSmirnov(ColumnProfile reference, ColumnProfile current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var max = 0.0;
        foreach (var profile in (ReadOnlySpan<ColumnProfile>)[reference, current])
        {
            var (values, _) = profile.QuantileSketch!.SortedItems();
            foreach (var x in values)
            {
                max = Math.Max(max, Math.Abs(reference.Cdf(x)!.Value - current.Cdf(x)!.Value));
            }
        }

        return max;
    }

    private static bool IsCategorical(ColumnProfile column) =>
        column.Kind is DataKind.Boolean || (column.Kind is DataKind.String && column.FrequentSketch is not null);

    private static (double Js, ImmutableArray<string> Added, ImmutableArray<string> Missing) CompareCategories(ColumnProfile reference, ColumnProfile current)
    {
        var p = Distribution(reference);
        var q = Distribution(current);
        double js = 0;
        foreach (var key in p.Keys.Union(q.Keys))
        {
            var pi = p.GetValueOrDefault(key);
            var qi = q.GetValueOrDefault(key);
            var m = (pi + qi) / 2;
            js += (pi > 0 ? pi * Math.Log2(pi / m) : 0) / 2;
            js += (qi > 0 ? qi * Math.Log2(qi / m) : 0) / 2;
        }

        return (Math.Clamp(js, 0, 1), Difference(current, reference), Difference(reference, current));
    }

    /// <summary>Shares of the tracked values, plus one bucket for the mass the sketch no longer tracks.</summary>
    private static Dictionary<string, double> Distribution(ColumnProfile column)
    {
        var sketch = column.FrequentSketch!;
        var total = (double)Math.Max(sketch.TotalCount, 1);
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        long tracked = 0;
        foreach (var item in sketch.Top(sketch.MaxTracked))
        {
            shares[item.Value] = item.Count / total;
            tracked += item.Count;
        }

        if (sketch.TotalCount > tracked)
        {
            shares[OtherBucket] = (sketch.TotalCount - tracked) / total;
        }

        return shares;
    }

    /// <summary>Values surely frequent in <paramref name="a"/> (count above its error bound) that <paramref name="b"/> does not track.</summary>
    private static ImmutableArray<string> Difference(ColumnProfile a, ColumnProfile b)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in b.FrequentSketch!.Top(b.FrequentSketch.MaxTracked))
        {
            known.Add(item.Value);
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var item in a.FrequentSketch!.Top(a.FrequentSketch.MaxTracked))
        {
            if (item.Count > a.TopValuesMaximumError && !known.Contains(item.Value))
            {
                result.Add(item.Value);
                if (result.Count == MaxListedCategories)
                {
                    break;
                }
            }
        }

        return result.ToImmutable();
    }
}
