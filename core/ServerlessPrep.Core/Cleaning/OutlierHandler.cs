namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>Outliers: fit fences from statistics (IQR, z-score, or winsorizing percentiles), then clip values or drop rows.</summary>
internal static class OutlierHandler
{
    public const double DefaultIqrK = 1.5;
    public const double DefaultZ = 3.0;

    /// <summary>The fences, or null when none asked or no statistics to fit them from.</summary>
    public static OutlierFit? Fit(OutlierSpec? spec, IColumnStatistics? stats)
    {
        if (spec is null || stats is null)
        {
            return null;
        }

        if (spec.Action == OutlierAction.Winsorize)
        {
            var p = spec.WinsorizeFraction is > 0 and < 0.5 ? spec.WinsorizeFraction : 0.01;
            return stats.Quantile(p) is { } lo && stats.Quantile(1 - p) is { } hi ? new OutlierFit(spec.Method, spec.Action, lo, hi) : null;
        }

        if (spec.Method == OutlierMethod.Iqr)
        {
            var k = spec.Threshold > 0 ? spec.Threshold : DefaultIqrK;
            if (stats.Quantile(0.25) is not { } q1 || stats.Quantile(0.75) is not { } q3)
            {
                return null;
            }

            var iqr = q3 - q1;
            return new OutlierFit(spec.Method, spec.Action, q1 - k * iqr, q3 + k * iqr);
        }

        var z = spec.Threshold > 0 ? spec.Threshold : DefaultZ;
        if (stats.Mean is not { } mean)
        {
            return null;
        }

        var std = stats.Variance is > 0 and var v ? Math.Sqrt(v) : 0;
        return new OutlierFit(spec.Method, spec.Action, mean - z * std, mean + z * std);
    }

    /// <summary>Clips (Clip, Winsorize) or marks rows removed (Drop). Returns values clipped or rows newly dropped, among rows not yet removed.</summary>
    public static long Apply(WorkingColumn column, OutlierFit fit, Span<bool> removed)
    {
        var x = column.Numbers!;
        var nulls = column.Nulls;
        var (lo, hi) = (fit.Lower, fit.Upper);
        var drop = fit.Action == OutlierAction.Drop;
        long count = 0;
        for (var i = 0; i < column.Length; i++)
        {
            if (removed[i] || nulls[i] || (x[i] >= lo && x[i] <= hi) || double.IsNaN(x[i]))
            {
                continue;
            }

            count++;
            if (drop)
            {
                removed[i] = true;
            }
            else
            {
                x[i] = x[i] < lo ? lo : hi;
            }
        }

        return count;
    }
}
