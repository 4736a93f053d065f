using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;

namespace ServerlessPrep.Core.Tests.TestSupport;

internal static class FeaturizerRunner
{
    /// <summary>Applies a featurizer to columns; returns its outputs by name.</summary>
    public static Dictionary<string, double[]> Run(Featurizer featurizer, params Column[] inputs)
    {
        var n = inputs[0].Length;
        var outputs = featurizer.OutputNames.Select(_ => new double[n]).ToArray();
        featurizer.Apply([.. inputs.Select(c => WorkingColumn.From(c))], outputs, n);
        return featurizer.OutputNames.Select((name, k) => (name, k)).ToDictionary(x => x.name, x => outputs[x.k]);
    }
}
