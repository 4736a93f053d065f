namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>Index of the value in the fitted vocabulary (most frequent = 0); unknown and missing values = −1.</summary>
internal sealed class OrdinalFeaturizer : Featurizer
{
    private readonly Dictionary<string, int> _index;

    public OrdinalFeaturizer(string column, TransformFit fit)
        : base("ordinal", [column], [column], propagatesNulls: false)
    {
        _index = Vocabulary.Index(fit.Vocabulary);
    }

    public static TransformFit Fit(IColumnStatistics? stats, int topK) =>
        new() { Kind = TransformKind.Ordinal, Vocabulary = Vocabulary.Fit(stats, topK) };

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n)
    {
        var texts = inputs[0].EnsureTexts();
        var y = outputs[0];
        for (var i = 0; i < n; i++)
        {
            y[i] = texts[i] is { } v && _index.TryGetValue(v, out var k) ? k : -1;
        }
    }
}
