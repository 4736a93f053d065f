namespace ServerlessPrep.Core.Processing;

/// <summary>The key-value layout (one table). See ARCHITECTURE.md, "Key-value layout".</summary>
public static class KvKeys
{
    public static string Dataset(string dataset) => $"ds#{dataset}";

    public static string Object(string key) => $"obj#{key}";

    public static string Schema(int number) => $"schema#{number:D6}";

    public const string SchemaPrefix = "schema#";

    public static string Partition(string partition, string key) => $"part#{partition}#{key}";

    public const string PartitionPrefix = "part#";

    public static string Profile(string key) => $"profile#{key}";

    public const string ProfilePrefix = "profile#";

    public static string Fit(string version) => $"fit#{version}";

    public const string ActiveFit = "fit@active";

    public const string InferredSpec = "spec@inferred";

    public static string Lineage(string runId) => $"lineage#{runId}";

    public static string Entity(string dataset, string entity) => $"ent#{dataset}#{entity}";

    public const string OnlineFeatures = "features";

    /// <summary>Datasets the store has seen (so the CLI can list them without a scan).</summary>
    public const string DatasetsPartition = "datasets";
}
