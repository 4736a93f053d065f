namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>The numeric value as float64 (after imputation and outlier handling). Also used for <see cref="TransformKind.Boolean"/> (0/1).</summary>
internal sealed class PassthroughFeaturizer(string column, TransformKind kind)
    : Featurizer(kind == TransformKind.Boolean ? "boolean" : "passthrough", [column], [column], propagatesNulls: true)
{
    public static TransformFit Fit(TransformKind kind) => new() { Kind = kind };

    public override void Apply(WorkingColumn[] inputs, double[][] outputs, int n) =>
        inputs[0].Numbers.AsSpan(0, n).CopyTo(outputs[0]);
}
