namespace ServerlessPrep.Core.Tests.Profiling;

/// <summary>Seeded generators for the accuracy tests: every data set is reproducible.</summary>
internal static class TestData
{
    public static double[] Uniform(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = random.NextDouble() * 1000;
        }

        return values;
    }

    public static double[] Normal(int n, int seed, double mean = 0, double sd = 1)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return values;
    }

    /// <summary>Pareto(α = 1.1): a heavy tail with an enormous range.</summary>
    public static double[] HeavyTailed(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = Math.Pow(1 - random.NextDouble(), -1 / 1.1);
        }

        return values;
    }

    /// <summary>Ranks 1..cardinality drawn with probability ∝ 1 / rank^s.</summary>
    public static long[] Zipf(int n, int seed, int cardinality = 10_000, double s = 1.1)
    {
        var cdf = new double[cardinality];
        double sum = 0;
        for (var r = 1; r <= cardinality; r++)
        {
            sum += 1 / Math.Pow(r, s);
            cdf[r - 1] = sum;
        }

        var random = new Random(seed);
        var values = new long[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble() * sum;
            var index = Array.BinarySearch(cdf, u);
            values[i] = (index < 0 ? ~index : index) + 1;
        }

        return values;
    }

    /// <summary>Only <paramref name="distinct"/> values, each repeated many times.</summary>
    public static double[] ManyDuplicates(int n, int seed, int distinct = 7)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = random.Next(distinct) * 10;
        }

        return values;
    }

    public static double[] AsDoubles(long[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>The largest distance, over a grid of ranks, between the asked rank and the true rank range of the answer.</summary>
    public static double MaxRankError(double[] data, Func<double, double> quantile)
    {
        var sorted = (double[])data.Clone();
        Array.Sort(sorted);
        var n = (double)sorted.Length;
        var worst = 0.0;
        for (var q = 0.001; q < 1; q += 0.001)
        {
            var v = quantile(q);
            var below = LowerBound(sorted, v) / n;
            var atMost = UpperBound(sorted, v) / n;
            var error = q < below ? below - q : q > atMost ? q - atMost : 0;
            worst = Math.Max(worst, error);
        }

        return worst;
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < v)
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

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v)
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
}
