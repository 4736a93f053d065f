using System.Globalization;
using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>
/// Parses the data of a Pub/Sub CloudEvent (<c>google.cloud.pubsub.topic.v1.messagePublished</c>, delivered by Eventarc):
/// <c>MessagePublishedData</c> <c>{"message": {"data": base64, "attributes": {…}, "messageId", "publishTime"}, "subscription"}</c>
/// whose message is a Cloud Storage Pub/Sub notification — what a bucket's notification configuration publishes, and what a
/// queued <c>backfill gs://…</c> publishes. Attributes: <c>eventType</c> (only <c>OBJECT_FINALIZE</c> is a creation),
/// <c>bucketId</c>, <c>objectId</c>, <c>objectGeneration</c>, <c>eventTime</c>, <c>payloadFormat</c>: with <c>JSON_API_V1</c>
/// the data is the object resource (size, etag, generation, updated), with <c>NONE</c> the attributes are all there is.
/// A large object's part message carries its descriptor in the resource as <c>serverlessprepPart</c> (<see cref="ObjectPartJson"/>).
/// </summary>
public static class PubSubMessageParser
{
    public const string MessagePublishedType = "google.cloud.pubsub.topic.v1.messagePublished";
    public const string ObjectFinalize = "OBJECT_FINALIZE";
    public const string JsonApiV1 = "JSON_API_V1";

    public static CloudEventParseResult Parse(string eventType, string? eventId, DateTimeOffset? eventTime, ReadOnlyMemory<byte> utf8Data)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (eventType != MessagePublishedType)
        {
            return CloudEventParseResult.ForIgnored(eventId, eventType, $"event type '{eventType}' is not {MessagePublishedType}");
        }

        var what = $"{MessagePublishedType} event '{eventId}' data";
        using var document = CloudEventJson.ParseDocument(utf8Data, what);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            throw new CloudEventFormatException($"{what}: expected MessagePublishedData, a JSON object with a 'message' object.");
        }

        var messageId = CloudEventJson.OptionalString(message, "messageId") ?? CloudEventJson.OptionalString(message, "message_id");
        var id = eventId ?? messageId;
        what = $"{MessagePublishedType} event '{id}' message";
        var attributes = message.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var notificationType = attributes.ValueKind == JsonValueKind.Object ? CloudEventJson.OptionalString(attributes, "eventType") : null;
        if (notificationType is null)
        {
            return CloudEventParseResult.ForIgnored(id, eventType, "the message is not a Cloud Storage notification (no 'eventType' attribute)");
        }

        if (notificationType != ObjectFinalize)
        {
            return CloudEventParseResult.ForIgnored(id, eventType, $"notification '{notificationType}' is not {ObjectFinalize}");
        }

        var publishTime = CloudEventJson.OptionalTime(message, "publishTime") ?? CloudEventJson.OptionalTime(message, "publish_time");
        var notifiedAt = CloudEventJson.OptionalTime(attributes, "eventTime") ?? publishTime ?? eventTime;
        var payload = Payload(message, what);
        if (CloudEventJson.OptionalString(attributes, "payloadFormat") == JsonApiV1 && payload.Length > 0)
        {
            using var resource = CloudEventJson.ParseDocument(payload, $"{what} data (JSON_API_V1 object resource)");
            if (resource.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CloudEventFormatException($"{what}: the JSON_API_V1 payload must be a JSON object (storage#object), got {resource.RootElement.ValueKind}.");
            }

            var parsed = GcsEventParser.FromObjectResource(resource.RootElement, $"{what} data", eventType, id, notifiedAt, "pubsub");
            return parsed.Created is { } created && ObjectPartJson.Read(resource.RootElement) is { } part
                ? CloudEventParseResult.ForCreated(id, eventType, created with { Part = part })
                : parsed;
        }

        var bucket = CloudEventJson.RequiredString(attributes, "bucketId", $"{what} attributes");
        var name = CloudEventJson.RequiredString(attributes, "objectId", $"{what} attributes");
        if (name.EndsWith('/'))
        {
            return CloudEventParseResult.ForIgnored(id, eventType, $"'{name}' is a folder marker");
        }

        var generation = CloudEventJson.OptionalString(attributes, "objectGeneration");
        if (generation is not null && !long.TryParse(generation, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new CloudEventFormatException($"{what}: attribute 'objectGeneration' must be a decimal generation number, got '{generation}'.");
        }

        var time = notifiedAt ?? throw new CloudEventFormatException($"{what}: no 'eventTime' attribute, publish time or event time.");
        return CloudEventParseResult.ForCreated(id, eventType, new ObjectCreated(bucket, name, 0, null, generation, generation, time, "pubsub"));
    }

    private static byte[] Payload(JsonElement message, string what)
    {
        if (!message.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (data.ValueKind != JsonValueKind.String || !data.TryGetBytesFromBase64(out var bytes))
        {
            throw new CloudEventFormatException($"{what}: 'data' must be base64 text.");
        }

        return bytes;
    }
}
