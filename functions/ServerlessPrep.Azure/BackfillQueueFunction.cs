using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure;

/// <summary>
/// The backfill queue (<c>serverlessprep backfill az://… --queue azqueue://…</c>): each message is one Event Grid BlobCreated
/// event, handled exactly like a webhook delivery. A failed object throws so the queue redelivers the message after its
/// visibility timeout (the claim makes that idempotent); a message that is not a BlobCreated event throws too, and after
/// <c>maxDequeueCount</c> deliveries the runtime moves it to <c>&lt;queue&gt;-poison</c>, where it is kept, not dropped.
/// </summary>
public sealed class BackfillQueueFunction
{
    /// <summary>App setting naming the queue (the trigger resolves <c>%SERVERLESSPREP_QUEUE%</c>).</summary>
    public const string QueueVariable = "SERVERLESSPREP_QUEUE";

    /// <summary>
    /// The trigger's connection: a connection string in <c>DataStorage</c>, or identity-based <c>DataStorage__queueServiceUri</c>
    /// (+ <c>__credential</c>, <c>__clientId</c>) as infra/azure/main.bicep sets it.
    /// </summary>
    public const string Connection = "DataStorage";

    private readonly BlobCreatedHandler _handler;
    private readonly ILogger _logger;

    public BackfillQueueFunction(IObjectProcessor processor, LakeScope lake, ILogger<BackfillQueueFunction> logger)
    {
        _handler = new BlobCreatedHandler(processor, lake, logger);
        _logger = logger;
    }

    [Function("BackfillQueue")]
    public async Task RunAsync(
        [QueueTrigger("%" + QueueVariable + "%", Connection = Connection)] string message,
        FunctionContext? context,
        CancellationToken cancellationToken)
    {
        var messageId = context?.BindingContext.BindingData.TryGetValue("Id", out var id) == true ? id?.ToString() : null;
        IReadOnlyList<CloudEventParseResult> events;
        try
        {
            events = EventGridParser.Parse(Encoding.UTF8.GetBytes(message ?? string.Empty));
        }
        catch (CloudEventFormatException ex)
        {
            Log.MalformedQueueMessage(_logger, ex, messageId, ex.Message);
            throw;
        }

        var failed = new List<ProcessingOutcome>();
        foreach (var parsed in events)
        {
            if (await _handler.HandleAsync(parsed, cancellationToken) is { Retryable: true } outcome)
            {
                Log.QueueRetry(_logger, messageId, outcome.Key, outcome.Reason);
                failed.Add(outcome);
            }
        }

        if (failed.Count > 0)
        {
            throw new BackfillMessageFailedException(failed);
        }
    }
}
