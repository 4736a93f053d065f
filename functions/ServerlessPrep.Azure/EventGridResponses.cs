using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure;

/// <summary>Reading the request and writing the webhook's answers (JSON written by hand: no reflection serializer).</summary>
internal static class EventGridResponses
{
    /// <summary>The whole body, or <c>null</c> when it exceeds <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>CloudEvents webhook abuse protection (what Event Grid sends for the CloudEvents schema).</summary>
    public static HttpResponseData AbuseProtectionHandshake(HttpRequestData request)
    {
        var response = request.CreateResponse(HttpStatusCode.OK);
        var origin = request.Headers.TryGetValues("WebHook-Request-Origin", out var values) ? values.FirstOrDefault() : null;
        response.Headers.Add("WebHook-Allowed-Origin", string.IsNullOrEmpty(origin) ? "*" : origin);
        response.Headers.Add("WebHook-Allowed-Rate", "*");
        return response;
    }

    /// <summary>The Event Grid schema handshake: echo the validation code.</summary>
    public static Task<HttpResponseData> ValidationAsync(HttpRequestData request, string code, CancellationToken cancellationToken)
        => WriteAsync(request, HttpStatusCode.OK, w => w.WriteString("validationResponse", code), cancellationToken);

    public static Task<HttpResponseData> ErrorAsync(HttpRequestData request, HttpStatusCode status, string error, CancellationToken cancellationToken)
        => WriteAsync(request, status, w => w.WriteString("error", error), cancellationToken);

    public static Task<HttpResponseData> SummaryAsync(
        HttpRequestData request, HttpStatusCode status, IEnumerable<(CloudEventParseResult Event, ProcessingOutcome? Outcome)> results, CancellationToken cancellationToken)
        => WriteAsync(request, status, w =>
        {
            w.WriteStartArray("results");
            foreach (var (parsed, outcome) in results)
            {
                w.WriteStartObject();
                w.WriteString("id", parsed.EventId);
                w.WriteString("key", outcome?.Key ?? parsed.Created?.Key);
                w.WriteString("status", outcome?.Status.ToString().ToLowerInvariant() ?? "ignored");
                w.WriteString("reason", outcome?.Reason ?? parsed.Reason ?? "outside the lake");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken);

    private static async Task<HttpResponseData> WriteAsync(HttpRequestData request, HttpStatusCode status, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        return response;
    }
}
