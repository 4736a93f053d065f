using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure;

/// <summary>The host's log messages (source-generated: no boxing, nothing evaluated when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Event Grid delivery rejected: body larger than {Limit} bytes")]
    public static partial void BodyTooLarge(ILogger logger, int limit);

    [LoggerMessage(2, LogLevel.Error, "Malformed Event Grid delivery, answered 400 (not retried): {Error}")]
    public static partial void Malformed(ILogger logger, Exception exception, string error);

    [LoggerMessage(3, LogLevel.Information, "Event Grid subscription validation {EventId} answered")]
    public static partial void Validated(ILogger logger, string? eventId);

    [LoggerMessage(4, LogLevel.Information, "Event {EventId} ({EventType}) ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string? eventId, string eventType, string? reason);

    [LoggerMessage(9, LogLevel.Warning, "Event {EventId} of unexpected type {EventType} ignored (check the subscription's filter): {Reason}")]
    public static partial void UnexpectedType(ILogger logger, string? eventId, string eventType, string? reason);

    [LoggerMessage(5, LogLevel.Warning, "Event {EventId}: blob {Container}/{Blob} is outside the lake {Lake}/{Prefix}; ignored")]
    public static partial void OutsideLake(ILogger logger, string? eventId, string container, string blob, string lake, string prefix);

    [LoggerMessage(6, LogLevel.Error, "Event {EventId}: processing {Key} threw; asking for redelivery")]
    public static partial void ProcessorThrew(ILogger logger, Exception exception, string? eventId, string key);

    [LoggerMessage(7, LogLevel.Information, "Event {EventId}: {Key} {Status} ({Reason}), sequencer {Sequencer}")]
    public static partial void Outcome(ILogger logger, string? eventId, string key, ObjectStatus status, string? reason, string? sequencer);

    [LoggerMessage(8, LogLevel.Warning, "Event {EventId}: {Key} failed, asking for redelivery ({Reason}), sequencer {Sequencer}")]
    public static partial void Retry(ILogger logger, string? eventId, string key, string? reason, string? sequencer);

    [LoggerMessage(10, LogLevel.Error, "Backfill queue message {MessageId} is not an Event Grid BlobCreated event; it will go to the poison queue: {Error}")]
    public static partial void MalformedQueueMessage(ILogger logger, Exception exception, string? messageId, string error);

    [LoggerMessage(11, LogLevel.Warning, "Backfill queue message {MessageId}: {Key} failed ({Reason}); the queue redelivers it")]
    public static partial void QueueRetry(ILogger logger, string? messageId, string key, string? reason);
}
