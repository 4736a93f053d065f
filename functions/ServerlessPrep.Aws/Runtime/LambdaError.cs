using System.Text.Json.Serialization;

namespace ServerlessPrep.Aws.Runtime;

/// <summary>The documented error body of <c>/invocation/{id}/error</c> and <c>/init/error</c>.</summary>
internal sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string>? StackTrace = null);
