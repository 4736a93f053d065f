using System.Collections.Immutable;

namespace ServerlessPrep.Core.Specs;

/// <summary>The dataset specs of one spec file; objects no spec matches get a dataset per top folder with an inferred spec.</summary>
public sealed class SpecSet
{
    public SpecSet(IEnumerable<DatasetSpec> datasets, string? sourceFile = null)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        Datasets = datasets.ToImmutableArray();
        SourceFile = sourceFile;
    }

    public static SpecSet Empty { get; } = new([]);

    public ImmutableArray<DatasetSpec> Datasets { get; }

    public string? SourceFile { get; }
}
