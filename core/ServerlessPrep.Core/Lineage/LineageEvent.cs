
namespace ServerlessPrep.Core.Lineage;

/// <summary>An OpenLineage RunEvent (spec 2-0-2), reduced to what we emit: run, job, inputs, outputs and their facets.</summary>
public sealed record LineageEvent
{
    public required string EventType { get; init; }

    public required string EventTime { get; init; }

    public string Producer { get; init; } = LineageConstants.Producer;

    public string SchemaUrl { get; init; } = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    public required LineageRun Run { get; init; }

    public required LineageJob Job { get; init; }

    public IReadOnlyList<LineageDataset> Inputs { get; init; } = [];

    public IReadOnlyList<LineageDataset> Outputs { get; init; } = [];
}

public sealed record LineageRun(string RunId, IReadOnlyDictionary<string, LineageFacet> Facets);

public sealed record LineageJob(string Namespace, string Name);

public sealed record LineageDataset(
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, LineageFacet> Facets,
    IReadOnlyDictionary<string, LineageFacet>? InputFacets = null);

/// <summary>
/// A facet as a bag of fields. <see cref="Fields"/> holds strings, numbers, booleans, and nested lists/dictionaries of those.
/// Serialized by <see cref="LineageJsonWriter"/> rather than reflection so it stays AOT-safe.
/// </summary>
public sealed record LineageFacet(string SchemaUrl, IReadOnlyDictionary<string, object?> Fields);

internal static class LineageConstants
{
    public const string Producer = "https://github.com/serverlessprep/serverlessprep";
}
