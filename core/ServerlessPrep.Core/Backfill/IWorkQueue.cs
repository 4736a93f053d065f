using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Backfill;

/// <summary>
/// Port to a deployment's own work queue (SQS, Azure Storage Queue, …): one message per object, in the event format the
/// deployed functions already parse, so a backfill is processed by the functions in parallel and not on the caller's machine.
/// </summary>
public interface IWorkQueue
{
    /// <summary>A display URI such as <c>azqueue://account/queue</c>, <c>https://sqs.eu-west-1.amazonaws.com/123/queue</c>.</summary>
    string Uri { get; }

    /// <summary>
    /// The event the function will parse out of this queue's message for <paramref name="created"/> (its key relative to the lake,
    /// its version token). The backfill compares processing records against exactly this, so a message format that drops a field
    /// (Event Grid has no version id) cannot make completed objects look unfinished.
    /// </summary>
    ObjectCreated AsDelivered(ObjectCreated created);

    /// <summary>Sends one message per object; adapters split into the batches their service allows. Throws if any message was refused.</summary>
    ValueTask EnqueueAsync(IReadOnlyList<ObjectCreated> objects, CancellationToken cancellationToken = default);
}
