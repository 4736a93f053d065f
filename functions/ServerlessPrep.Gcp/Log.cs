using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Gcp;

/// <summary>The host's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Malformed CloudEvent, answered 400: {Error}")]
    public static partial void Malformed(ILogger logger, Exception exception, string error);

    [LoggerMessage(2, LogLevel.Information, "Event {EventId} ({EventType}) ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string? eventId, string eventType, string? reason);

    [LoggerMessage(7, LogLevel.Warning, "Event {EventId} of unexpected type {EventType} ignored (check the Eventarc trigger's filter): {Reason}")]
    public static partial void UnexpectedType(ILogger logger, string? eventId, string eventType, string? reason);

    [LoggerMessage(3, LogLevel.Warning, "Event {EventId}: gs://{Bucket}/{Name} is outside the lake gs://{Lake}/{Prefix}; ignored")]
    public static partial void OutsideLake(ILogger logger, string? eventId, string bucket, string name, string lake, string prefix);

    [LoggerMessage(4, LogLevel.Error, "Event {EventId}: processing {Key} threw; answering 500 for redelivery")]
    public static partial void ProcessorThrew(ILogger logger, Exception exception, string? eventId, string key);

    [LoggerMessage(5, LogLevel.Information, "Event {EventId}: {Key} {Status} ({Reason}), generation {Generation}")]
    public static partial void Outcome(ILogger logger, string? eventId, string key, ObjectStatus status, string? reason, string? generation);

    [LoggerMessage(6, LogLevel.Warning, "Event {EventId}: {Key} failed, answering 500 for redelivery ({Reason}), generation {Generation}")]
    public static partial void Retry(ILogger logger, string? eventId, string key, string? reason, string? generation);
}
