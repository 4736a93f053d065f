namespace ServerlessPrep.Core.Events;

/// <summary>
/// What a cloud event parser made of one event: an <see cref="ObjectCreated"/>, an event to ignore (with the reason),
/// or an Event Grid subscription validation handshake (with the code to echo back).
/// Malformed events are not a result: parsers throw <see cref="CloudEventFormatException"/>.
/// </summary>
public sealed record CloudEventParseResult
{
    private CloudEventParseResult(CloudEventParseKind kind, string? eventId, string eventType)
    {
        Kind = kind;
        EventId = eventId;
        EventType = eventType;
    }

    public CloudEventParseKind Kind { get; }

    public string? EventId { get; }

    public string EventType { get; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="CloudEventParseKind.Created"/>.</summary>
    public ObjectCreated? Created { get; private init; }

    /// <summary>Why the event is ignored, when <see cref="Kind"/> is <see cref="CloudEventParseKind.Ignored"/>.</summary>
    public string? Reason { get; private init; }

    /// <summary>The code to echo back, when <see cref="Kind"/> is <see cref="CloudEventParseKind.SubscriptionValidation"/>.</summary>
    public string? ValidationCode { get; private init; }

    public static CloudEventParseResult ForCreated(string? eventId, string eventType, ObjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return new(CloudEventParseKind.Created, eventId, eventType) { Created = created };
    }

    public static CloudEventParseResult ForIgnored(string? eventId, string eventType, string reason)
        => new(CloudEventParseKind.Ignored, eventId, eventType) { Reason = reason };

    public static CloudEventParseResult ForValidation(string? eventId, string eventType, string validationCode)
        => new(CloudEventParseKind.SubscriptionValidation, eventId, eventType) { ValidationCode = validationCode };
}
