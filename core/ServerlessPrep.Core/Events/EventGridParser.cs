using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>
/// Parses Event Grid deliveries of Azure Storage events, in the Event Grid schema (an array of events with
/// <c>eventType</c>/<c>eventTime</c>) or the CloudEvents 1.0 schema (one structured event, or a batch array,
/// with <c>type</c>/<c>time</c>). Only <c>Microsoft.Storage.BlobCreated</c> becomes an <see cref="ObjectCreated"/>;
/// the subscription validation event yields its code; every other event is ignored with a reason.
/// </summary>
public static class EventGridParser
{
    public const string BlobCreatedType = "Microsoft.Storage.BlobCreated";
    public const string SubscriptionValidationType = "Microsoft.EventGrid.SubscriptionValidationEvent";

    public static IReadOnlyList<CloudEventParseResult> Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = CloudEventJson.ParseDocument(utf8Json, "Event Grid delivery");
        var root = document.RootElement;
        var results = new List<CloudEventParseResult>();
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var element in root.EnumerateArray())
                {
                    results.Add(ParseEvent(element));
                }

                break;
            case JsonValueKind.Object:
                results.Add(ParseEvent(root));
                break;
            default:
                throw new CloudEventFormatException($"Event Grid delivery: expected a JSON array or object, got {root.ValueKind}.");
        }

        return results;
    }

    /// <summary>Parses one event object of either schema.</summary>
    public static CloudEventParseResult ParseEvent(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CloudEventFormatException($"Event Grid event: expected a JSON object, got {element.ValueKind}.");
        }

        var isCloudEvent = element.TryGetProperty("specversion", out _);
        var type = CloudEventJson.RequiredString(element, isCloudEvent ? "type" : "eventType", "Event Grid event");
        var id = CloudEventJson.OptionalString(element, "id");
        element.TryGetProperty("data", out var data);

        if (type == SubscriptionValidationType)
        {
            var code = CloudEventJson.RequiredString(data, "validationCode", "Subscription validation event data");
            return CloudEventParseResult.ForValidation(id, type, code);
        }

        if (type != BlobCreatedType)
        {
            return CloudEventParseResult.ForIgnored(id, type, $"event type '{type}' is not {BlobCreatedType}");
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new CloudEventFormatException($"{BlobCreatedType} event '{id}': 'data' is missing or not an object.");
        }

        var api = CloudEventJson.OptionalString(data, "api");
        if (api == "CreateFile")
        {
            // Data Lake Gen2: CreateFile announces an empty file; the content arrives with FlushWithClose (another event).
            return CloudEventParseResult.ForIgnored(id, type, "Data Lake CreateFile event: waiting for FlushWithClose");
        }

        var (container, blob) = EventGridBlobPath.Resolve(
            CloudEventJson.OptionalString(data, "url"), CloudEventJson.OptionalString(element, "subject"));
        if (blob.EndsWith('/'))
        {
            return CloudEventParseResult.ForIgnored(id, type, $"'{blob}' is a folder marker");
        }

        var time = CloudEventJson.OptionalTime(element, isCloudEvent ? "time" : "eventTime")
            ?? throw new CloudEventFormatException($"{BlobCreatedType} event '{id}': '{(isCloudEvent ? "time" : "eventTime")}' is missing.");
        var created = new ObjectCreated(
            container,
            blob,
            CloudEventJson.OptionalInt64(data, "contentLength") ?? 0,
            CloudEventJson.OptionalString(data, "eTag"),
            null,
            CloudEventJson.OptionalString(data, "sequencer"),
            time,
            "eventgrid");
        return CloudEventParseResult.ForCreated(id, type, created with { Part = ObjectPartJson.Read(data) });
    }
}
