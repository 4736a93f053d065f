using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Storage;

/// <summary>
/// <see cref="IWorkQueue"/> over the deployment's SQS queue. Each message is an EventBridge "Object Created" event from
/// <c>aws.s3</c>, exactly what the EventBridge rule puts on that queue, so the Lambda's SQS handler parses and processes it
/// unchanged (a large object's part carries its descriptor in <c>detail.serverlessprepPart</c>). Keys are bucket-relative, as the host's are (the lake is the whole bucket).
/// </summary>
internal sealed class SqsWorkQueue : IWorkQueue
{
    /// <summary>SQS takes at most ten messages per <c>SendMessageBatch</c>.</summary>
    public const int BatchLimit = 10;

    private const int MaxSendAttempts = 3;
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly string _bucket;

    public SqsWorkQueue(IAmazonSQS sqs, string queueUrl, string bucket)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentException.ThrowIfNullOrEmpty(queueUrl);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _sqs = sqs;
        _queueUrl = queueUrl;
        _bucket = bucket;
    }

    public string Uri => _queueUrl;

    public ObjectCreated AsDelivered(ObjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var entry = SqsEventParser.ParseBody(Encode(created)).Single();
        return entry.Created ?? throw new InvalidOperationException($"The backfill event for '{created.Key}' did not parse as an object creation: {entry.IgnoredReason}");
    }

    public async ValueTask EnqueueAsync(IReadOnlyList<ObjectCreated> objects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var chunk in objects.Chunk(BatchLimit))
        {
            var entries = chunk.Select((created, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), Encode(created))).ToList();
            for (var attempt = 1; entries.Count > 0; attempt++)
            {
                var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = _queueUrl, Entries = entries }, cancellationToken).ConfigureAwait(false);
                var failed = response.Failed ?? [];
                if (failed.Count == 0)
                {
                    break;
                }

                var retryable = failed.Where(f => f.SenderFault != true).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
                if (attempt >= MaxSendAttempts || retryable.Count < failed.Count)
                {
                    var keys = failed.Select(f => $"{chunk[int.Parse(f.Id, CultureInfo.InvariantCulture)].Key} ({f.Code}: {f.Message})");
                    throw new InvalidOperationException($"SQS refused {failed.Count} backfill message(s) on {_queueUrl}: {string.Join("; ", keys)}");
                }

                entries = entries.Where(e => retryable.Contains(e.Id)).ToList();
            }
        }
    }

    /// <summary>An EventBridge S3 "Object Created" event, shaped like the ones S3 publishes to EventBridge.</summary>
    public string Encode(ObjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        ObjectKeyGuard.Validate(created.Key);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("version", "0");
            w.WriteString("id", Guid.NewGuid().ToString());
            w.WriteString("detail-type", "Object Created");
            w.WriteString("source", "aws.s3");
            w.WriteString("time", created.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteStartArray("resources");
            w.WriteStringValue($"arn:aws:s3:::{_bucket}");
            w.WriteEndArray();
            w.WriteStartObject("detail");
            w.WriteString("version", "0");
            w.WriteStartObject("bucket");
            w.WriteString("name", _bucket);
            w.WriteEndObject();
            w.WriteStartObject("object");
            w.WriteString("key", created.Key);
            w.WriteNumber("size", created.Size);
            if (created.ETag is { Length: > 0 } etag)
            {
                w.WriteString("etag", etag.Trim('"'));
            }

            if (created.Version is { Length: > 0 } version)
            {
                w.WriteString("version-id", version);
            }

            w.WriteEndObject();
            if (created.Part is { } part)
            {
                ObjectPartJson.Write(w, part);
            }

            w.WriteString("request-id", "serverlessprep-backfill");
            w.WriteString("requester", "serverlessprep-backfill");
            w.WriteString("reason", "ServerlessPrepBackfill");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
