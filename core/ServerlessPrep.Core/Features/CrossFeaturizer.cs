namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;

/// <summary>
/// Hashed feature cross: the columns' text values (numbers rendered invariantly) joined by U+001F, hashed with XxHash64 into
/// <c>&lt;a&gt;_x_&lt;b&gt;__h0..h{B−1}</c> (unsigned 1). A row with any missing value → all zeros.
/// </summary>
internal sealed class CrossFeaturizer(CrossFit fit)
    : Featurizer("cross", [.. fit.Columns], FeatureNames.Buckets(fit.Name, fit.Buckets), propagatesNulls: false)
{
    private const char Separator = '\u001f';
    private readonly int _buckets = fit.Buckets;

    public override bool NeedsZeroedOutputs => true;

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var texts = new string?[inputs.Length][];
        for (var c = 0; c < inputs.Length; c++)
        {
            texts[c] = inputs[c].EnsureTexts();
        }

        var builder = new System.Text.StringBuilder(64);
        var buffer = new char[64];
        var scratch = new byte[256];
        for (var i = 0; i < n; i++)
        {
            builder.Clear();
            var missing = false;
            for (var c = 0; c < texts.Length && !missing; c++)
            {
                var v = texts[c][i];
                missing = v is null;
                if (c > 0)
                {
                    builder.Append(Separator);
                }

                builder.Append(v);
            }

            if (missing)
            {
                continue;
            }

            if (buffer.Length < builder.Length)
            {
                buffer = new char[builder.Length];
            }

            builder.CopyTo(0, buffer, builder.Length);
            var hash = StableHash.OfText(buffer.AsSpan(0, builder.Length), ref scratch);
            outputs[StableHash.Bucket(hash, _buckets)][i] = 1.0;
        }
    }
}
