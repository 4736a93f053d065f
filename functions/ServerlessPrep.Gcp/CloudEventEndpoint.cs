using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Gcp;

/// <summary>
/// POST / : a Cloud Storage CloudEvent, or a Pub/Sub one carrying a Cloud Storage notification (a bucket notification or a
/// queued backfill's message), in binary or structured mode as Eventarc delivers them → <see cref="ObjectCreated"/> →
/// <see cref="IObjectProcessor"/>. 200 for processed, skipped, quarantined or ignored; 400 for a malformed event (nothing
/// to retry: Eventarc's dead-letter topic catches it); 500 only for a transient failure, so that it is redelivered.
/// </summary>
internal sealed class CloudEventEndpoint
{
    private readonly IObjectProcessor _processor;
    private readonly LakeScope _lake;
    private readonly ILogger _logger;

    public CloudEventEndpoint(IObjectProcessor processor, LakeScope lake, ILogger<CloudEventEndpoint> logger)
    {
        _processor = processor;
        _lake = lake;
        _logger = logger;
    }

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        CloudEventParseResult parsed;
        try
        {
            var (cloudEvent, data) = await CloudEventHttpReader.ReadAsync(request, cancellationToken);
            parsed = cloudEvent.Type == PubSubMessageParser.MessagePublishedType
                ? PubSubMessageParser.Parse(cloudEvent.Type, cloudEvent.Id, cloudEvent.Time, data)
                : GcsEventParser.Parse(cloudEvent.Type!, cloudEvent.Id, cloudEvent.Time, data);
        }
        catch (CloudEventFormatException ex)
        {
            Log.Malformed(_logger, ex, ex.Message);
            return Reply(StatusCodes.Status400BadRequest, null, null, "error", ex.Message);
        }

        if (parsed.Kind != CloudEventParseKind.Created)
        {
            if (parsed.EventType is GcsEventParser.FinalizedType or PubSubMessageParser.MessagePublishedType)
            {
                Log.Ignored(_logger, parsed.EventId, parsed.EventType, parsed.Reason);
            }
            else
            {
                Log.UnexpectedType(_logger, parsed.EventId, parsed.EventType, parsed.Reason);
            }

            return Reply(StatusCodes.Status200OK, parsed.EventId, null, "ignored", parsed.Reason);
        }

        var created = parsed.Created!;
        var key = _lake.KeyOf(created.Store, created.Key);
        if (key is null)
        {
            Log.OutsideLake(_logger, parsed.EventId, created.Store, created.Key, _lake.Bucket, _lake.NormalizedPrefix);
            return Reply(StatusCodes.Status200OK, parsed.EventId, created.Key, "ignored", "outside the lake");
        }

        var (outcome, error) = await _processor.ProcessOrFailAsync(created with { Key = key }, cancellationToken);
        if (error is not null)
        {
            Log.ProcessorThrew(_logger, error, parsed.EventId, key);
        }

        if (outcome.Retryable)
        {
            Log.Retry(_logger, parsed.EventId, key, outcome.Reason, created.Version);
        }
        else
        {
            Log.Outcome(_logger, parsed.EventId, key, outcome.Status, outcome.Reason, created.Version);
        }

        var status = outcome.Retryable ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        return Reply(status, parsed.EventId, key, outcome.Status.ToString().ToLowerInvariant(), outcome.Reason);
    }

    private static IResult Reply(int status, string? eventId, string? key, string outcome, string? reason)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", eventId);
            w.WriteString("key", key);
            w.WriteString("status", outcome);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }

        return Results.Text(System.Text.Encoding.UTF8.GetString(buffer.ToArray()), "application/json", System.Text.Encoding.UTF8, status);
    }
}
