using System.Text.Json.Serialization;
using Parquet.Serialization;

namespace ServerlessPrep.Core.Tests.Lakehouse;

/// <summary>
/// A classic Delta checkpoint (<c>NNN.checkpoint.parquet</c>) written with Parquet.Net's class serializer: one row per action,
/// the action in its struct column (<c>add</c>, <c>remove</c>, <c>metaData</c>, <c>protocol</c>), the other columns null;
/// <c>partitionValues</c> and <c>configuration</c> are Parquet maps, as PROTOCOL.md ("Checkpoint Schema") lays them out.
/// </summary>
public static class DeltaCheckpointFile
{
    public static async Task<byte[]> WriteAsync(IEnumerable<Row> rows)
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, buffer);
        return buffer.ToArray();
    }

    public sealed class Row
    {
        [JsonPropertyName("add")]
        public AddAction? Add { get; set; }

        [JsonPropertyName("remove")]
        public RemoveAction? Remove { get; set; }

        [JsonPropertyName("metaData")]
        public MetadataAction? MetaData { get; set; }

        [JsonPropertyName("protocol")]
        public ProtocolAction? Protocol { get; set; }
    }

    public sealed class AddAction
    {
        [JsonPropertyName("path")]
        public string Path { get; set; } = string.Empty;

        [JsonPropertyName("partitionValues")]
        public Dictionary<string, string> PartitionValues { get; set; } = [];

        [JsonPropertyName("size")]
        public long Size { get; set; }

        [JsonPropertyName("modificationTime")]
        public long ModificationTime { get; set; }

        [JsonPropertyName("dataChange")]
        public bool DataChange { get; set; }

        [JsonPropertyName("stats")]
        public string? Stats { get; set; }
    }

    public sealed class RemoveAction
    {
        [JsonPropertyName("path")]
        public string Path { get; set; } = string.Empty;

        [JsonPropertyName("deletionTimestamp")]
        public long? DeletionTimestamp { get; set; }

        [JsonPropertyName("dataChange")]
        public bool DataChange { get; set; }
    }

    public sealed class MetadataAction
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("schemaString")]
        public string SchemaString { get; set; } = "{\"type\":\"struct\",\"fields\":[]}";

        [JsonPropertyName("partitionColumns")]
        public List<string> PartitionColumns { get; set; } = [];

        [JsonPropertyName("configuration")]
        public Dictionary<string, string> Configuration { get; set; } = [];
    }

    public sealed class ProtocolAction
    {
        [JsonPropertyName("minReaderVersion")]
        public int MinReaderVersion { get; set; }

        [JsonPropertyName("minWriterVersion")]
        public int MinWriterVersion { get; set; }
    }
}
