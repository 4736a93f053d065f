using System.Globalization;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Lineage;

/// <summary>Builds the START / COMPLETE / FAIL RunEvents of one object run.</summary>
public sealed class LineageBuilder(string runId, string jobNamespace, string dataset, string inputNamespace, string inputKey, string outputNamespace)
{
    private const string SchemaFacet = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    private const string ColumnLineageFacet = "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
    private const string ErrorFacet = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    private const string StatisticsFacet = "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet";
    private const string RunFacetSchema = "https://serverlessprep.dev/spec/facets/1-0-0/ServerlessPrepRunFacet.json";

    public LineageEvent Start(DateTimeOffset time, BatchSchema? inputSchema) => new()
    {
        EventType = "START",
        EventTime = Iso(time),
        Run = new LineageRun(runId, new Dictionary<string, LineageFacet>()),
        Job = Job,
        Inputs = [Input(inputSchema)],
    };

    public LineageEvent Complete(
        DateTimeOffset time,
        BatchSchema inputSchema,
        BatchSchema outputSchema,
        string outputKey,
        IReadOnlyList<(string Output, IReadOnlyList<string> Inputs, string Transform)> columnLineage,
        long rowsOut,
        IReadOnlyDictionary<string, object?> runDetails,
        IReadOnlyDictionary<string, LineageFacet>? inputFacets = null,
        IReadOnlyDictionary<string, LineageFacet>? runFacets = null)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (output, inputs, transform) in columnLineage)
        {
            fields[output] = new Dictionary<string, object?>
            {
                ["inputFields"] = inputs.Select(i => (object?)new Dictionary<string, object?>
                {
                    ["namespace"] = inputNamespace,
                    ["name"] = inputKey,
                    ["field"] = i,
                    ["transformations"] = new object?[] { new Dictionary<string, object?> { ["type"] = "DIRECT", ["subtype"] = "TRANSFORMATION", ["description"] = transform } },
                }).ToList(),
            };
        }

        var outputFacets = new Dictionary<string, LineageFacet>
        {
            ["schema"] = Schema(outputSchema),
            ["columnLineage"] = new(ColumnLineageFacet, new Dictionary<string, object?> { ["fields"] = fields }),
            ["outputStatistics"] = new(StatisticsFacet, new Dictionary<string, object?> { ["rowCount"] = rowsOut }),
        };
        return new LineageEvent
        {
            EventType = "COMPLETE",
            EventTime = Iso(time),
            Run = new LineageRun(runId, RunFacets(runDetails, runFacets)),
            Job = Job,
            Inputs = [Input(inputSchema) with { InputFacets = inputFacets }],
            Outputs = [new LineageDataset(outputNamespace, outputKey, outputFacets)],
        };
    }

    public LineageEvent Fail(DateTimeOffset time, string message) => new()
    {
        EventType = "FAIL",
        EventTime = Iso(time),
        Run = new LineageRun(runId, new Dictionary<string, LineageFacet>
        {
            ["errorMessage"] = new(ErrorFacet, new Dictionary<string, object?> { ["message"] = message, ["programmingLanguage"] = "C#" }),
        }),
        Job = Job,
        Inputs = [Input(null)],
    };

    private static Dictionary<string, LineageFacet> RunFacets(IReadOnlyDictionary<string, object?> runDetails, IReadOnlyDictionary<string, LineageFacet>? extra)
    {
        var facets = new Dictionary<string, LineageFacet> { ["serverlessprep"] = new(RunFacetSchema, runDetails) };
        foreach (var (name, facet) in extra ?? new Dictionary<string, LineageFacet>())
        {
            facets[name] = facet;
        }

        return facets;
    }

    private LineageJob Job => new(jobNamespace, $"serverlessprep.{dataset}");

    private LineageDataset Input(BatchSchema? schema) => new(
        inputNamespace,
        inputKey,
        schema is null ? new Dictionary<string, LineageFacet>() : new Dictionary<string, LineageFacet> { ["schema"] = Schema(schema) });

    private static LineageFacet Schema(BatchSchema schema) => new(SchemaFacet, new Dictionary<string, object?>
    {
        ["fields"] = schema.Columns.Select(c => (object?)new Dictionary<string, object?> { ["name"] = c.Name, ["type"] = c.Kind.ToString().ToLowerInvariant() }).ToList(),
    });

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
