using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure;

/// <summary>
/// The Event Grid webhook: BlobCreated deliveries (Event Grid or CloudEvents schema) → <see cref="ObjectCreated"/> →
/// <see cref="IObjectProcessor"/>. Answers 200 when every event is processed, skipped, quarantined or ignored; 500 when
/// one failed transiently (Event Grid redelivers; the processor's claim makes redelivery idempotent); 400 for a malformed
/// delivery (Event Grid does not retry a 400 and dead-letters it). Also answers both validation handshakes.
/// </summary>
public sealed class EventGridFunction
{
    /// <summary>Event Grid never sends more than 1 MB per delivery; anything larger is not Event Grid.</summary>
    public const int MaxBodyBytes = 1024 * 1024 + 64 * 1024;

    private readonly BlobCreatedHandler _handler;
    private readonly ILogger _logger;

    public EventGridFunction(IObjectProcessor processor, LakeScope lake, ILogger<EventGridFunction> logger)
    {
        _handler = new BlobCreatedHandler(processor, lake, logger);
        _logger = logger;
    }

    [Function("EventGrid")]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = "eventgrid")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsOptions(request.Method))
        {
            return EventGridResponses.AbuseProtectionHandshake(request);
        }

        var body = await EventGridResponses.ReadBodyAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            Log.BodyTooLarge(_logger, MaxBodyBytes);
            return await EventGridResponses.ErrorAsync(request, HttpStatusCode.RequestEntityTooLarge, "body too large", cancellationToken);
        }

        IReadOnlyList<CloudEventParseResult> events;
        try
        {
            events = EventGridParser.Parse(body);
        }
        catch (CloudEventFormatException ex)
        {
            Log.Malformed(_logger, ex, ex.Message);
            return await EventGridResponses.ErrorAsync(request, HttpStatusCode.BadRequest, ex.Message, cancellationToken);
        }

        if (events.FirstOrDefault(e => e.Kind == CloudEventParseKind.SubscriptionValidation) is { } validation)
        {
            Log.Validated(_logger, validation.EventId);
            return await EventGridResponses.ValidationAsync(request, validation.ValidationCode!, cancellationToken);
        }

        var outcomes = new List<(CloudEventParseResult Event, ProcessingOutcome? Outcome)>(events.Count);
        foreach (var parsed in events)
        {
            outcomes.Add((parsed, await _handler.HandleAsync(parsed, cancellationToken)));
        }

        var retry = outcomes.Any(o => o.Outcome?.Retryable == true);
        return await EventGridResponses.SummaryAsync(request, retry ? HttpStatusCode.InternalServerError : HttpStatusCode.OK, outcomes, cancellationToken);
    }
}
