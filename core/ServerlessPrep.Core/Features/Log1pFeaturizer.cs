namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Signed log1p: <c>log(1 + x)</c> for x ≥ 0 and <c>−log(1 + |x|)</c> for x &lt; 0. It equals log1p on the usual non-negative
/// domain, and stays finite, monotone and symmetric for negative values instead of producing NaN or −∞ (x ≤ −1).
/// </summary>
internal sealed class Log1pFeaturizer(string column)
    : Featurizer("log1p", [column], [column], propagatesNulls: true)
{
    public static TransformFit Fit() => new() { Kind = TransformKind.Log1p };

    public static double SignedLog1p(double x) => x >= 0 ? Math.Log(1.0 + x) : -Math.Log(1.0 - x);

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var x = inputs[0].Numbers.AsSpan(0, n);
        var y = outputs[0].AsSpan(0, n);
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = SignedLog1p(x[i]);
        }
    }
}
