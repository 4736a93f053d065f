using System.CommandLine;

namespace ServerlessPrep.Cli.Commands;

/// <summary>Options shared by the commands that process data.</summary>
internal static class CommonOptions
{
    public static Option<string> Out() => new("--out", "-o")
    {
        Description = "Output root folder: features/, _profiles/, _lineage/, _quarantine/, _manifests/ (default ./prepared)",
        DefaultValueFactory = _ => "prepared",
    };

    public static Option<string?> Spec() => new("--spec", "-s")
    {
        Description = "Dataset spec file (YAML). Without one, a spec is inferred per dataset from its first object and printed.",
    };

    public static Option<string?> State() => new("--state")
    {
        Description = "Embedded key-value store file (default <out>/.state/serverlessprep.db)",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one machine-readable JSON summary on stdout (progress still goes to stderr)",
    };

    public static Option<int> Concurrency() => new("--concurrency", "-c")
    {
        Description = "Objects processed at the same time (default: 1; each object is already streamed)",
        DefaultValueFactory = _ => 1,
    };

    public static Option<string?> Root() => new("--root")
    {
        Description = "Lake root (dataset = first folder below it). Default: guessed from PATH",
    };

    public static Option<long?> LargeObjectBytes() => new("--large-object-bytes")
    {
        Description = "Parquet objects above this size (bytes) with several row groups are processed in parts that commit together (default 512 MiB, or SERVERLESSPREP_LARGE_OBJECT_BYTES)",
    };

    public static Option<int?> RowGroupsPerPart() => new("--row-groups-per-part")
    {
        Description = "Row groups per part of a large object (default 4, or SERVERLESSPREP_ROW_GROUPS_PER_PART)",
    };
}
