using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure;

/// <summary>
/// One parsed Event Grid event → the processor, whichever trigger delivered it (the Event Grid webhook, or the backfill queue
/// whose messages are the same BlobCreated events). Returns null for events that are not a lake blob creation (logged).
/// </summary>
internal sealed class BlobCreatedHandler(IObjectProcessor processor, LakeScope lake, ILogger logger)
{
    public async Task<ProcessingOutcome?> HandleAsync(CloudEventParseResult parsed, CancellationToken cancellationToken)
    {
        if (parsed.Kind != CloudEventParseKind.Created)
        {
            if (parsed.EventType == EventGridParser.BlobCreatedType)
            {
                Log.Ignored(logger, parsed.EventId, parsed.EventType, parsed.Reason);
            }
            else
            {
                Log.UnexpectedType(logger, parsed.EventId, parsed.EventType, parsed.Reason);
            }

            return null;
        }

        var created = parsed.Created!;
        var key = lake.KeyOf(created.Store, created.Key);
        if (key is null)
        {
            Log.OutsideLake(logger, parsed.EventId, created.Store, created.Key, lake.Container, lake.NormalizedPrefix);
            return null;
        }

        var (outcome, error) = await processor.ProcessOrFailAsync(created with { Key = key }, cancellationToken);
        if (error is not null)
        {
            Log.ProcessorThrew(logger, error, parsed.EventId, key);
        }

        if (outcome.Retryable)
        {
            Log.Retry(logger, parsed.EventId, key, outcome.Reason, created.Sequencer);
        }
        else
        {
            Log.Outcome(logger, parsed.EventId, key, outcome.Status, outcome.Reason, created.Sequencer);
        }

        return outcome;
    }
}
