using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Azure.Storage;

/// <summary>
/// <see cref="IWorkQueue"/> over an Azure Storage Queue whose messages are Event Grid BlobCreated events (Event Grid schema),
/// so that <see cref="BackfillQueueFunction"/> hands them to the same parser and handler as the webhook. Messages are
/// Base64-encoded: the Functions queue trigger's default <c>messageEncoding</c>.
/// </summary>
public sealed class StorageQueueWorkQueue : IWorkQueue
{
    /// <summary>Messages sent at the same time (Storage Queues have no batch send).</summary>
    public const int SendConcurrency = 16;

    private readonly QueueClient _queue;
    private readonly BlobContainerClient _lake;
    private readonly LakeScope _scope;

    /// <param name="queue">A client created with <see cref="ClientOptions"/> (Base64 messages).</param>
    /// <param name="lake">The lake container, whose blob URLs the events carry.</param>
    /// <param name="lakePrefix">The lake's prefix inside the container (the host's <c>SERVERLESSPREP_LAKE</c> prefix).</param>
    public StorageQueueWorkQueue(QueueClient queue, BlobContainerClient lake, string? lakePrefix)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(lake);
        _queue = queue;
        _lake = lake;
        _scope = new LakeScope(lake.Name, lakePrefix ?? string.Empty);
    }

    public string Uri => $"azqueue://{_queue.AccountName}/{_queue.Name}";

    /// <summary>Client options matching the Functions queue trigger's default message encoding.</summary>
    public static QueueClientOptions ClientOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public ObjectCreated AsDelivered(ObjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var parsed = EventGridParser.Parse(Encoding.UTF8.GetBytes(Encode(created)));
        var delivered = parsed[0].Created
            ?? throw new InvalidOperationException($"The backfill event for '{created.Key}' did not parse as a blob creation: {parsed[0].Reason}");
        var key = _scope.KeyOf(delivered.Store, delivered.Key)
            ?? throw new InvalidOperationException($"The backfill event for '{created.Key}' names a blob outside the lake {_scope.Container}/{_scope.NormalizedPrefix}.");
        return delivered with { Key = key };
    }

    public async ValueTask EnqueueAsync(IReadOnlyList<ObjectCreated> objects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var options = new ParallelOptions { MaxDegreeOfParallelism = SendConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(objects, options, async (created, ct) =>
            await _queue.SendMessageAsync(Encode(created), ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>One BlobCreated event in the Event Grid schema, shaped like the ones Azure Storage publishes.</summary>
    public string Encode(ObjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var blobName = _scope.NormalizedPrefix + ObjectKeys.Validate(created.Key);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", "backfill-" + Guid.NewGuid().ToString("N"));
            w.WriteString("subject", $"/blobServices/default/containers/{_lake.Name}/blobs/{blobName}");
            w.WriteString("eventType", EventGridParser.BlobCreatedType);
            w.WriteString("eventTime", created.EventTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteStartObject("data");
            w.WriteString("api", "ServerlessPrepBackfill");
            w.WriteString("clientRequestId", "serverlessprep-backfill");
            if (created.ETag is { Length: > 0 } etag)
            {
                // Storage returns the ETag header quoted; Event Grid's eTag is bare, and the version token must match it.
                w.WriteString("eTag", etag.Trim('"'));
            }

            w.WriteNumber("contentLength", created.Size);
            w.WriteString("blobType", "BlockBlob");
            w.WriteString("url", _lake.GetBlobClient(blobName).Uri.AbsoluteUri);
            if (created.Part is { } part)
            {
                ObjectPartJson.Write(w, part);
            }

            w.WriteEndObject();
            w.WriteString("dataVersion", string.Empty);
            w.WriteString("metadataVersion", "1");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
