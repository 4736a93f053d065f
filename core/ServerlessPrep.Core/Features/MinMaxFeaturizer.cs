namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>(x − min) / (max − min) with the fitted range (values outside it fall outside [0, 1]); an empty range maps to 0.</summary>
internal sealed class MinMaxFeaturizer(string column, TransformFit fit)
    : Featurizer("minmax", [column], [column], propagatesNulls: true)
{
    private readonly double _min = fit.Min ?? 0;
    private readonly double _inverseRange = (fit.Max ?? 0) - (fit.Min ?? 0) is > 0 and var r ? 1.0 / r : 0.0;

    public static TransformFit Fit(IColumnStatistics? stats) =>
        new() { Kind = TransformKind.MinMax, Min = stats?.Min ?? 0, Max = stats?.Max ?? 0 };

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var x = inputs[0].Numbers.AsSpan(0, n);
        var y = outputs[0].AsSpan(0, n);
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = (x[i] - _min) * _inverseRange;
        }
    }
}
