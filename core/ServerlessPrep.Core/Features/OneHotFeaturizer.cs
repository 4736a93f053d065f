namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>
/// One column per fitted top-k value (<c>&lt;col&gt;__&lt;value&gt;</c>, sanitized) plus <c>&lt;col&gt;__other</c> for any other
/// non-null value. A missing value is all zeros. Values are matched exactly (ordinal, after trim/case).
/// </summary>
internal sealed class OneHotFeaturizer : Featurizer
{
    private readonly Dictionary<string, int> _index;

    public OneHotFeaturizer(string column, TransformFit fit)
        : base("onehot", [column], Names(column, fit), propagatesNulls: false)
    {
        _index = Vocabulary.Index(fit.Vocabulary);
    }

    public static TransformFit Fit(IColumnStatistics? stats, int topK) =>
        new() { Kind = TransformKind.OneHot, Vocabulary = Vocabulary.Fit(stats, topK) };

    public override bool NeedsZeroedOutputs => true;

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var texts = inputs[0].EnsureTexts();
        var other = outputs[^1];
        for (var i = 0; i < n; i++)
        {
            var value = texts[i];
            if (value is null)
            {
                continue;
            }

            if (_index.TryGetValue(value, out var k))
            {
                outputs[k][i] = 1.0;
            }
            else
            {
                other[i] = 1.0;
            }
        }
    }

    private static string[] Names(string column, TransformFit fit)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[fit.Vocabulary.Length + 1];
        for (var k = 0; k < fit.Vocabulary.Length; k++)
        {
            names[k] = FeatureNames.Unique(column, FeatureNames.Sanitize(fit.Vocabulary[k]), taken);
        }

        names[^1] = FeatureNames.Unique(column, "other", taken);
        return names;
    }
}
