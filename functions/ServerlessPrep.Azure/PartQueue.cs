using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using ServerlessPrep.Azure.Storage;

namespace ServerlessPrep.Azure;

/// <summary>
/// The queue that large-object parts are sent to: the backfill queue the <see cref="BackfillQueueFunction"/> trigger reads
/// (<c>SERVERLESSPREP_QUEUE</c> on the <c>DataStorage</c> connection), so each part runs in its own invocation.
/// </summary>
internal static class PartQueue
{
    /// <summary>A client for the queue, or null when no queue is configured (parts then run in the invocation that got the event).</summary>
    public static QueueClient? TryCreate(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var name = getVariable(BackfillQueueFunction.QueueVariable);
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var connection = BackfillQueueFunction.Connection;
        if (getVariable(connection) is { Length: > 0 } connectionString)
        {
            return new QueueClient(connectionString, name, StorageQueueWorkQueue.ClientOptions());
        }

        if (getVariable(connection + "__queueServiceUri") is not { Length: > 0 } serviceUri)
        {
            return null;
        }

        var clientId = getVariable(connection + "__clientId");
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new QueueServiceClient(new Uri(serviceUri), credential, StorageQueueWorkQueue.ClientOptions()).GetQueueClient(name);
    }
}
