namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Feature hashing of a categorical value into <c>&lt;col&gt;__h0..h{B−1}</c>: bucket = XxHash64(UTF-8 of the value) mod B,
/// set to 1 (unsigned: one value per row, so a sign would only flip the column). Missing → all zeros.
/// </summary>
internal sealed class HashFeaturizer(string column, TransformFit fit)
    : Featurizer("hash", [column], FeatureNames.Buckets(column, fit.Buckets), propagatesNulls: false)
{
    private readonly int _buckets = fit.Buckets;

    public static TransformFit Fit(int buckets) => new() { Kind = TransformKind.Hash, Buckets = Math.Max(1, buckets) };

    public override bool NeedsZeroedOutputs => true;

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var texts = inputs[0].EnsureTexts();
        var scratch = new byte[256];
        for (var i = 0; i < n; i++)
        {
            if (texts[i] is { } v)
            {
                outputs[StableHash.Bucket(StableHash.OfText(v, ref scratch), _buckets)][i] = 1.0;
            }
        }
    }
}
