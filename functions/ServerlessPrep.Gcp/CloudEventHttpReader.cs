using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Http;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Gcp;

/// <summary>
/// Reads one CloudEvent from an HTTP request per the CloudEvents HTTP protocol binding 1.0: binary mode (attributes in
/// percent-encoded <c>ce-*</c> headers, <c>Content-Type</c> is <c>datacontenttype</c>, the body is the data) or structured
/// mode (<c>application/cloudevents+json</c>). Batches are refused. Faults throw <see cref="CloudEventFormatException"/>.
/// </summary>
internal static class CloudEventHttpReader
{
    public const int MaxBodyBytes = 1024 * 1024;
    private const string HeaderPrefix = "ce-";
    private static readonly JsonEventFormatter Formatter = new();

    public static async Task<(CloudEvent Event, ReadOnlyMemory<byte> Data)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request.Body, cancellationToken);
        var contentType = request.ContentType;
        if (contentType is not null && contentType.StartsWith("application/cloudevents-batch", StringComparison.OrdinalIgnoreCase))
        {
            throw new CloudEventFormatException("CloudEvent batches are not supported; send one event per request.");
        }

        try
        {
            return contentType is not null && contentType.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase)
                ? ReadStructured(body, contentType)
                : ReadBinary(request.Headers, body, contentType);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            throw new CloudEventFormatException($"Not a valid CloudEvent: {ex.Message}", ex);
        }
    }

    private static (CloudEvent, ReadOnlyMemory<byte>) ReadStructured(byte[] body, string contentType)
    {
        var cloudEvent = Formatter.DecodeStructuredModeMessage(body, new ContentType(contentType), null);
        ReadOnlyMemory<byte> data = cloudEvent.Data switch
        {
            null => ReadOnlyMemory<byte>.Empty,
            byte[] bytes => bytes,
            JsonElement json => Encoding.UTF8.GetBytes(json.GetRawText()),
            string text => Encoding.UTF8.GetBytes(text),
            var other => throw new CloudEventFormatException($"Unsupported CloudEvent data of type {other.GetType().Name}."),
        };
        return (cloudEvent, data);
    }

    private static (CloudEvent, ReadOnlyMemory<byte>) ReadBinary(IHeaderDictionary headers, byte[] body, string? contentType)
    {
        var specVersion = headers["ce-specversion"].FirstOrDefault()
            ?? throw new CloudEventFormatException("Not a CloudEvent: no ce-specversion header and Content-Type is not application/cloudevents+json.");
        var version = CloudEventsSpecVersion.FromVersionId(HttpUtilities.DecodeHeaderValue(specVersion))
            ?? throw new CloudEventFormatException($"Unsupported CloudEvents spec version '{specVersion}'.");
        var cloudEvent = new CloudEvent(version);
        foreach (var (name, values) in headers)
        {
            if (!name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) || name.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var attribute = name[HeaderPrefix.Length..].ToLowerInvariant();
            cloudEvent.SetAttributeFromString(attribute, HttpUtilities.DecodeHeaderValue(values.ToString()));
        }

        if (contentType is not null)
        {
            cloudEvent.DataContentType = contentType;
        }

        return (cloudEvent.Validate(), body);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new CloudEventFormatException($"Request body larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
