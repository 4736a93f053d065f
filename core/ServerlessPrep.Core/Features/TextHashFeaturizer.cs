using System.IO.Hashing;
using System.Text;

namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Hashed term frequencies of free text: lower-case (invariant), split on every UTF-16 character that is not a letter or digit,
/// each token counted in bucket XxHash64(UTF-8 of the token) mod B of <c>&lt;col&gt;__h0..h{B−1}</c> (unsigned raw counts).
/// Missing or token-less text → all zeros. Tokens are lowered straight into UTF-8 bytes (ASCII fast path, no strings).
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
        var bytes = new byte[1024];
        for (var i = 0; i < n; i++)
        {
            if (texts[i] is not { } text)
            {
                continue;
            }

            if (bytes.Length < text.Length * 3)
            {
                bytes = new byte[text.Length * 3];
            }

            var length = 0;
            foreach (var ch in text)
            {
                if (ch < 0x80)
                {
                    if (char.IsAsciiLetterOrDigit(ch))
                    {
                        bytes[length++] = (byte)(char.IsAsciiLetterUpper(ch) ? ch | 0x20 : ch);
                        continue;
                    }
                }
                else if (char.IsLetterOrDigit(ch))
                {
                    // Letters and digits are never surrogates, so the lowered char is one scalar value.
                    length += new Rune(char.ToLowerInvariant(ch)).EncodeToUtf8(bytes.AsSpan(length));
                    continue;
                }

                if (length > 0)
                {
                    outputs[StableHash.Bucket(XxHash64.HashToUInt64(bytes.AsSpan(0, length)), _buckets)][i] += 1.0;
                    length = 0;
                }
            }

            if (length > 0)
            {
                outputs[StableHash.Bucket(XxHash64.HashToUInt64(bytes.AsSpan(0, length)), _buckets)][i] += 1.0;
            }
        }
    }
}
