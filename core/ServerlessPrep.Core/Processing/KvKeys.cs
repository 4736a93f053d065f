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

    /// <summary>Reference profiles for drift: <c>reference#&lt;id&gt;</c> (binary, content-addressed) and the active one's pointer.</summary>
    public static string Reference(string id) => $"reference#{id}";

    public const string ActiveReference = "reference@active";

    /// <summary>Metric history: one item per judged object, in commit order (<c>metrics#&lt;sequence&gt;</c>), and the detectors' state.</summary>
    public static string Metrics(long sequence) => $"metrics#{sequence:D12}";

    public const string MetricsPrefix = "metrics#";

    public const string MetricsState = "metrics@state";

    /// <summary>Coordinator of a large object split into parts, and its parts' claims, profiles and results (per run).</summary>
    public static string LargeObject(string key) => $"large#{key}";

    public static string PartClaim(string key, string runId, int phase, int index) => $"lpart#{key}#{runId}#claim{phase}#{index:D5}";

    public static string PartProfile(string key, string runId, int index) => $"lpart#{key}#{runId}#profile#{index:D5}";

    public static string PartResult(string key, string runId, int index) => $"lpart#{key}#{runId}#result#{index:D5}";

    public static string Lineage(string runId) => $"lineage#{runId}";

    public static string Entity(string dataset, string entity) => $"ent#{dataset}#{entity}";

    public const string OnlineFeatures = "features";

    /// <summary>The feature names of online feature items, once per feature view (under <see cref="Dataset"/>): <c>featureview#&lt;id&gt;</c>.</summary>
    public static string FeatureView(ulong id) => $"featureview#{id:x16}";

    /// <summary>Datasets the store has seen (so the CLI can list them without a scan).</summary>
    public const string DatasetsPartition = "datasets";
}
