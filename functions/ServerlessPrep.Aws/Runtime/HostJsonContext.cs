using System.Text.Json.Serialization;
using ServerlessPrep.Aws.Handlers;

namespace ServerlessPrep.Aws.Runtime;

/// <summary>Source-generated (AOT-safe) serialization of everything the host writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LambdaError))]
[JsonSerializable(typeof(InvocationSummary))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class HostJsonContext : JsonSerializerContext
{
}
