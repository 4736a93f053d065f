namespace ServerlessPrep.Core.Processing;

/// <summary>Where each output of an object goes under the output root; the same for every cloud.</summary>
public static class OutputLayout
{
    public static string Features(DatasetMatch m) => $"features/{m.Dataset}/{StripExtension(m.RelativePath)}.parquet";

    /// <summary>
    /// The features of an object that fill more than one file (<see cref="ProcessorOptions.MaxRowGroupsPerFeaturesFile"/>): file 0
    /// is <see cref="Features"/>, file n &gt; 0 <c>&lt;path&gt;.fNNNNN.parquet</c>; the manifest lists every file.
    /// </summary>
    public static string FeaturesFile(string firstFileKey, int index) =>
        index == 0 ? firstFileKey : $"{firstFileKey[..^".parquet".Length]}.f{index:D5}.parquet";

    /// <summary>Features of one part of a large object; the manifest lists every part (see docs/reliability.md).</summary>
    public static string FeaturesPart(DatasetMatch m, int index, int count) => $"features/{m.Dataset}/{StripExtension(m.RelativePath)}.{PartSuffix(index, count)}.parquet";

    public static string QuarantinedRowsPart(DatasetMatch m, int index, int count) => $"_quarantine/{m.Dataset}/{StripExtension(m.RelativePath)}.{PartSuffix(index, count)}.rows.jsonl";

    public static string Profile(DatasetMatch m) => $"_profiles/{m.Dataset}/{StripExtension(m.RelativePath)}.json";

    public static string Manifest(DatasetMatch m) => $"_manifests/{m.Dataset}/{StripExtension(m.RelativePath)}.json";

    public static string QuarantinedRows(DatasetMatch m) => $"_quarantine/{m.Dataset}/{StripExtension(m.RelativePath)}.rows.jsonl";

    public static string QuarantineError(DatasetMatch m) => $"_quarantine/{m.Dataset}/{StripExtension(m.RelativePath)}.error.json";

    public static string Lineage(DatasetMatch m, string runId, string eventType) => $"_lineage/{m.Dataset}/{StripExtension(m.RelativePath)}/{runId}.{eventType.ToLowerInvariant()}.json";

    /// <summary>Everything written for a dataset when no dataset matched (object key used as is).</summary>
    public static string UnmatchedQuarantineError(string key) => $"_quarantine/_unmatched/{StripExtension(key)}.error.json";

    private static string PartSuffix(int index, int count) => $"part-{index:D5}-of-{count:D5}";

    private static string StripExtension(string path)
    {
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        return dot > slash + 1 ? path[..dot] : path;
    }
}
