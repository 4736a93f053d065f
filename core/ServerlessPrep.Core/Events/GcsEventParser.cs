using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>
/// Parses the data of a Cloud Storage CloudEvent (<c>google.cloud.storage.object.v1.finalized</c>, delivered by Eventarc):
/// the JSON form of <c>google.events.cloud.storage.v1.StorageObjectData</c>, where int64 fields such as
/// <c>size</c> and <c>generation</c> are decimal strings. Other event types are ignored with a reason.
/// </summary>
public static class GcsEventParser
{
    public const string FinalizedType = "google.cloud.storage.object.v1.finalized";

    /// <param name="eventType">The CloudEvent <c>type</c> attribute.</param>
    /// <param name="eventId">The CloudEvent <c>id</c> attribute.</param>
    /// <param name="eventTime">The CloudEvent <c>time</c> attribute, used when the data has no timestamps.</param>
    /// <param name="utf8Data">The event data (StorageObjectData JSON).</param>
    public static CloudEventParseResult Parse(string eventType, string? eventId, DateTimeOffset? eventTime, ReadOnlyMemory<byte> utf8Data)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (eventType != FinalizedType)
        {
            return CloudEventParseResult.ForIgnored(eventId, eventType, $"event type '{eventType}' is not {FinalizedType}");
        }

        using var document = CloudEventJson.ParseDocument(utf8Data, $"{FinalizedType} event '{eventId}' data");
        var data = document.RootElement;
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new CloudEventFormatException($"{FinalizedType} event '{eventId}': data must be a JSON object (StorageObjectData), got {data.ValueKind}.");
        }

        return FromObjectResource(data, $"{FinalizedType} event '{eventId}' data", eventType, eventId, eventTime, "gcs");
    }

    /// <summary>
    /// The Cloud Storage object resource (JSON API <c>storage#object</c>, the same fields as StorageObjectData) → an object
    /// creation; a folder marker is ignored. Shared with the Pub/Sub notification format, whose <c>JSON_API_V1</c> payload is this.
    /// </summary>
    internal static CloudEventParseResult FromObjectResource(JsonElement data, string what, string eventType, string? eventId, DateTimeOffset? eventTime, string source)
    {
        var bucket = CloudEventJson.RequiredString(data, "bucket", what);
        var name = CloudEventJson.RequiredString(data, "name", what);
        if (name.EndsWith('/'))
        {
            return CloudEventParseResult.ForIgnored(eventId, eventType, $"'{name}' is a folder marker");
        }

        var generation = CloudEventJson.OptionalInt64(data, "generation");
        var time = CloudEventJson.OptionalTime(data, "updated")
            ?? CloudEventJson.OptionalTime(data, "timeCreated")
            ?? eventTime
            ?? throw new CloudEventFormatException($"{what}: no 'updated', 'timeCreated' or event time.");
        var generationText = generation?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = new ObjectCreated(
            bucket,
            name,
            CloudEventJson.OptionalInt64(data, "size") ?? 0,
            CloudEventJson.OptionalString(data, "etag"),
            generationText,
            generationText,
            time,
            source);
        return CloudEventParseResult.ForCreated(eventId, eventType, created);
    }
}
