namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Hashed term frequencies of free text: lower-case (invariant), split on every character that is not a letter or digit,
/// each token counted in bucket XxHash64(UTF-8 of the token) mod B of <c>&lt;col&gt;__h0..h{B−1}</c> (unsigned raw counts).
/// Missing or token-less text → all zeros.
/// </summary>
internal sealed class TextHashFeaturizer(string column, TransformFit fit)
    : Featurizer("texthash", [column], FeatureNames.Buckets(column, fit.Buckets), propagatesNulls: false)
{
    private readonly int _buckets = fit.Buckets;

    public static TransformFit Fit(int buckets) => new() { Kind = TransformKind.TextHash, Buckets = Math.Max(1, buckets) };

    public override bool NeedsZeroedOutputs => true;

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var texts = inputs[0].EnsureTexts();
        var scratch = new char[256];
        for (var i = 0; i < n; i++)
        {
            if (texts[i] is not { } text)
            {
                continue;
            }

            if (scratch.Length < text.Length)
            {
                scratch = new char[text.Length];
            }

            var length = 0;
            foreach (var ch in text)
            {
                if (char.IsLetterOrDigit(ch))
                {
                    scratch[length++] = char.ToLowerInvariant(ch);
                }
                else if (length > 0)
                {
                    Count(outputs, scratch.AsSpan(0, length), i);
                    length = 0;
                }
            }

            if (length > 0)
            {
                Count(outputs, scratch.AsSpan(0, length), i);
            }
        }
    }

    private void Count(double[][] outputs, ReadOnlySpan<char> token, int row) =>
        outputs[StableHash.Bucket(StableHash.OfText(token), _buckets)][row] += 1.0;
}
