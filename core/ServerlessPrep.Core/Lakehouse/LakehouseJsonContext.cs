using System.Text.Json.Serialization;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>Source-generated JSON for the lakehouse records (Native AOT safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeltaTableState))]
[JsonSerializable(typeof(DeltaFileRecord))]
[JsonSerializable(typeof(DeltaCommitRecord))]
internal sealed partial class LakehouseJsonContext : JsonSerializerContext
{
    public static LakehouseJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    });
}
