using System.Text.Json.Serialization;

namespace ServerlessPrep.Core.Processing;

/// <summary>Source-generated JSON for the records the core persists (Native AOT safe; property order = declaration order).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ProcessingRecord))]
[JsonSerializable(typeof(ObjectManifest))]
[JsonSerializable(typeof(QuarantineNotice))]
[JsonSerializable(typeof(SchemaVersionRecord))]
[JsonSerializable(typeof(PartitionRecord))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
