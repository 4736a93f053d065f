namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;

/// <summary>
/// The apply half of one feature transform, built from a frozen <see cref="TransformFit"/>: reads working columns and writes
/// float64 output columns. Stateless across batches and rows, so any batch partition gives the same output.
/// </summary>
internal abstract class Featurizer
{
    protected Featurizer(string transform, IReadOnlyList<string> inputs, IReadOnlyList<string> outputNames, bool propagatesNulls)
    {
        Transform = transform;
        Inputs = inputs;
        OutputNames = outputNames;
        PropagatesNulls = propagatesNulls;
    }

    /// <summary>Transform name for lineage, e.g. <c>standardize</c>.</summary>
    public string Transform { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Output rows are missing where the (single) input is missing; otherwise outputs are never missing.</summary>
    public bool PropagatesNulls { get; }

    /// <summary>Whether <see cref="Apply"/> only sets some cells and needs zeroed outputs (one-hot, hashing); dense transforms write every row.</summary>
    public virtual bool NeedsZeroedOutputs => false;

    /// <summary>Writes rows [0, n) of every output; <paramref name="outputs"/>[k] has at least n elements and starts zeroed.</summary>
    public abstract void Apply(WorkingColumn[] inputs, double[][] outputs, int n);
}
