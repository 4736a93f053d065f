using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Core.Backfill;

/// <summary>
/// Sends the parts of a large object as messages on the deployment's work queue (the one the queued backfill uses): each part
/// is processed by its own invocation, which parses the part descriptor back out of the message.
/// </summary>
public sealed class QueuePartDispatcher(IWorkQueue queue) : IPartDispatcher
{
    public bool RunsInProcess => false;

    public string Target => queue.Uri;

    public async Task DispatchAsync(IReadOnlyList<ObjectCreated> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        await queue.EnqueueAsync(parts, cancellationToken).ConfigureAwait(false);
    }
}
