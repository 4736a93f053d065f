namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>(x − mean) / σ with the fitted mean and sample standard deviation; σ = 0 or unknown → 1.</summary>
internal sealed class StandardizeFeaturizer(string column, TransformFit fit)
    : Featurizer("standardize", [column], [column], propagatesNulls: true)
{
    private readonly double _mean = fit.Mean ?? 0;
    private readonly double _inverseStd = 1.0 / (fit.StdDev is > 0 and var s && double.IsFinite(s) ? s : 1.0);

    public static TransformFit Fit(IColumnStatistics? stats)
    {
        var variance = stats?.Variance ?? 0;
        var std = variance > 0 ? Math.Sqrt(variance) : 1.0;
        return new TransformFit { Kind = TransformKind.Standardize, Mean = stats?.Mean ?? 0, StdDev = std };
    }

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var x = inputs[0].Numbers.AsSpan(0, n);
        var y = outputs[0].AsSpan(0, n);
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = (x[i] - _mean) * _inverseStd;
        }
    }
}
