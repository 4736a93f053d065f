namespace ServerlessPrep.Core.Lakehouse;

/// <summary>An <c>add</c> action: a data file that becomes part of the table.</summary>
/// <param name="Path">As written in the log: URL-encoded, relative to the table root (or an absolute URI).</param>
/// <param name="PartitionValues">Partition column values as strings; a null value is a null partition.</param>
/// <param name="ModificationTime">Milliseconds since the Unix epoch.</param>
/// <param name="DataChange">False for rewrites of rows already in the table (OPTIMIZE, compaction).</param>
internal sealed record DeltaAddFile(
    string Path,
    IReadOnlyList<KeyValuePair<string, string?>> PartitionValues,
    long Size,
    long ModificationTime,
    bool DataChange,
    bool HasDeletionVector);
