using System.Collections.Immutable;

namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Quantile bucketing: the fitted inner edges are the i/bins quantiles (i = 1..bins−1, duplicates removed); the output is the
/// bin index = number of edges ≤ x, in [0, edges.Length].
/// </summary>
internal sealed class BucketizeFeaturizer(string column, TransformFit fit)
    : Featurizer("bucketize", [column], [column], propagatesNulls: true)
{
    private readonly double[] _edges = [.. fit.BinEdges];

    public static TransformFit Fit(IColumnStatistics? stats, int bins)
    {
        var edges = ImmutableArray.CreateBuilder<double>();
        for (var i = 1; stats is not null && i < bins; i++)
        {
            if (stats.Quantile((double)i / bins) is { } q && double.IsFinite(q) && (edges.Count == 0 || q > edges[^1]))
            {
                edges.Add(q);
            }
        }

        return new TransformFit { Kind = TransformKind.Bucketize, BinEdges = edges.ToImmutable() };
    }

    /// <summary>Number of edges ≤ x (upper-bound binary search).</summary>
    public static int BinOf(ReadOnlySpan<double> edges, double x)
    {
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var x = inputs[0].Numbers.AsSpan(0, n);
        var y = outputs[0].AsSpan(0, n);
        var edges = _edges.AsSpan();
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = BinOf(edges, x[i]);
        }
    }
}
