using System.Text.Json.Serialization;

namespace ServerlessPrep.Core.Processing;

/// <summary>Source-generated JSON for the records the core persists (Native AOT safe; property order = declaration order).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ProcessingRecord))]
[JsonSerializable(typeof(ObjectManifest))]
[JsonSerializable(typeof(QuarantineNotice))]
[JsonSerializable(typeof(SchemaVersionRecord))]
[JsonSerializable(typeof(PartitionRecord))]
[JsonSerializable(typeof(ReferenceProfileInfo))]
[JsonSerializable(typeof(MetricHistoryEntry))]
[JsonSerializable(typeof(MetricHistoryState))]
[JsonSerializable(typeof(LargeObjectRecord))]
[JsonSerializable(typeof(PartResult))]
[JsonSerializable(typeof(ServerlessPrep.Core.Quality.MonitoringVerdict))]
internal sealed partial class CoreJsonContext : JsonSerializerContext
{
    /// <summary>Like <see cref="Default"/>, but leaves quotes and apostrophes in text readable (files are not HTML).</summary>
    public static CoreJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
