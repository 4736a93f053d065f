using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>
/// Reads an SQS event (<c>{"Records":[{"messageId":"…","body":"…","eventSource":"aws:sqs"}]}</c>) into its messages,
/// and a message body (an S3 notification or an EventBridge S3 event) into entries.
/// The envelope must be well formed; a bad body only fails that message (see <see cref="ParseBody"/>).
/// </summary>
public static class SqsEventParser
{
    /// <summary>True when <paramref name="root"/> is an SQS event (records from aws:sqs).</summary>
    public static bool IsMatch(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var record in records.EnumerateArray())
        {
            return record.ValueKind == JsonValueKind.Object
                && record.TryGetProperty("eventSource", out var source)
                && source.ValueKind == JsonValueKind.String
                && source.ValueEquals("aws:sqs");
        }

        return false;
    }

    public static IReadOnlyList<SqsMessage> Parse(JsonElement root)
    {
        if (!IsMatch(root))
        {
            throw new S3EventFormatException("Not an SQS event: missing 'Records' from 'aws:sqs'.");
        }

        var records = root.GetProperty("Records");
        var messages = new List<SqsMessage>(records.GetArrayLength());
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var path = $"Records[{index}]";
            var id = S3EventJson.RequiredString(record, "messageId", $"{path}.messageId");
            var body = S3EventJson.OptionalString(record, "body", $"{path}.body") ?? string.Empty;
            messages.Add(new SqsMessage(id, body));
            index++;
        }

        return messages;
    }

    /// <summary>
    /// Parses one message body: an S3 notification (S3 → SQS) or an EventBridge event (rule → SQS target).
    /// Throws <see cref="S3EventFormatException"/> for anything else.
    /// </summary>
    public static IReadOnlyList<S3EventEntry> ParseBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new S3EventFormatException("SQS message body is empty.");
        }

        using var document = S3EventJson.Parse(body);
        var root = document.RootElement;
        if (EventBridgeS3EventParser.IsMatch(root))
        {
            var entry = EventBridgeS3EventParser.Parse(root);
            return entry.Created is null ? [entry] : [entry with { Created = entry.Created with { Source = "sqs" } }];
        }

        if (S3EventNotificationParser.IsMatch(root))
        {
            return S3EventNotificationParser.Parse(root)
                .Select(e => e.Created is null ? e : e with { Created = e.Created with { Source = "sqs" } })
                .ToList();
        }

        throw new S3EventFormatException("SQS message body is neither an S3 event notification nor an EventBridge S3 event.");
    }
}
