namespace ServerlessPrep.Core.Lakehouse;

/// <summary>Recognises Iceberg table files: <c>&lt;table&gt;/metadata/*.metadata.json</c>, <c>version-hint.text</c>, manifest and snapshot <c>.avro</c> files.</summary>
internal static class IcebergKeys
{
    public const string MetadataReason =
        "Iceberg table metadata: Iceberg tables are not supported yet; point ServerlessPrep at the data files (a folder of Parquet without a metadata/ folder) or export the table (to Parquet or Delta Lake) and process that";

    public const string DataReason =
        "Iceberg table data file: Iceberg tables are not supported yet (snapshots and deletes live in metadata/, so a data file alone may hold deleted or uncommitted rows); point ServerlessPrep at the data files outside the table or export the table (to Parquet or Delta Lake) and process that";

    public static bool IsMetadata(string key)
    {
        var segments = key.Split('/');
        if (segments.Length < 2 || segments[^2] != "metadata")
        {
            return false;
        }

        var file = segments[^1];
        return file.EndsWith(".metadata.json", StringComparison.Ordinal) || file.EndsWith(".metadata.json.gz", StringComparison.Ordinal)
            || file == "version-hint.text" || file.EndsWith(".avro", StringComparison.Ordinal);
    }

    public static bool IsTableMetadataFile(string key)
        => key.EndsWith(".metadata.json", StringComparison.Ordinal) || key.EndsWith(".metadata.json.gz", StringComparison.Ordinal) || key.EndsWith("/version-hint.text", StringComparison.Ordinal);
}
