using System.Net;
using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>
/// Reads an S3 event notification (<c>{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{...}}]}</c>),
/// as delivered directly to a function, through SNS/SQS, or as S3's <c>s3:TestEvent</c>.
/// </summary>
public static class S3EventNotificationParser
{
    public const string Source = "s3";

    /// <summary>True when <paramref name="root"/> looks like an S3 notification (records from aws:s3, or the S3 test event).</summary>
    public static bool IsMatch(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (IsTestEvent(root))
        {
            return true;
        }

        if (!root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var record in records.EnumerateArray())
        {
            return record.ValueKind == JsonValueKind.Object
                && (string.Equals(S3EventJson.OptionalString(record, "eventSource", "eventSource"), "aws:s3", StringComparison.Ordinal)
                    || record.TryGetProperty("s3", out _));
        }

        return false;
    }

    public static IReadOnlyList<S3EventEntry> Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = S3EventJson.Parse(utf8Json);
        return Parse(document.RootElement);
    }

    public static IReadOnlyList<S3EventEntry> Parse(JsonElement root)
    {
        if (IsTestEvent(root))
        {
            return [S3EventEntry.Ignored("s3:TestEvent (sent when a notification configuration is saved)")];
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw new S3EventFormatException("Not an S3 event notification: missing 'Records' array.");
        }

        var entries = new List<S3EventEntry>(records.GetArrayLength());
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            entries.Add(ParseRecord(record, $"Records[{index}]"));
            index++;
        }

        return entries;
    }

    /// <summary>Decodes an S3 notification key: form encoding, '+' is a space, %XX are UTF-8 bytes.</summary>
    public static string DecodeKey(string encoded) => WebUtility.UrlDecode(encoded);

    private static S3EventEntry ParseRecord(JsonElement record, string path)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new S3EventFormatException($"'{path}' must be an object.");
        }

        var eventSource = S3EventJson.OptionalString(record, "eventSource", $"{path}.eventSource");
        if (eventSource is not null && eventSource != "aws:s3")
        {
            throw new S3EventFormatException($"'{path}.eventSource' is '{eventSource}', expected 'aws:s3'.");
        }

        var eventName = S3EventJson.RequiredString(record, "eventName", $"{path}.eventName");
        var s3 = S3EventJson.RequiredObject(record, "s3", $"{path}.s3");
        var bucket = S3EventJson.RequiredString(S3EventJson.RequiredObject(s3, "bucket", $"{path}.s3.bucket"), "name", $"{path}.s3.bucket.name");
        var obj = S3EventJson.RequiredObject(s3, "object", $"{path}.s3.object");
        var key = DecodeKey(S3EventJson.RequiredString(obj, "key", $"{path}.s3.object.key"));
        if (!eventName.StartsWith("ObjectCreated:", StringComparison.Ordinal))
        {
            return S3EventEntry.Ignored($"{eventName} on s3://{bucket}/{key} is not an object creation");
        }

        return S3EventEntry.Of(new ObjectCreated(
            bucket,
            key,
            S3EventJson.OptionalSize(obj, "size", $"{path}.s3.object.size"),
            S3EventJson.NormalizeETag(S3EventJson.OptionalString(obj, "eTag", $"{path}.s3.object.eTag")),
            NullIfEmpty(S3EventJson.OptionalString(obj, "versionId", $"{path}.s3.object.versionId")),
            NullIfEmpty(S3EventJson.OptionalString(obj, "sequencer", $"{path}.s3.object.sequencer")),
            S3EventJson.RequiredTime(record, "eventTime", $"{path}.eventTime"),
            Source));
    }

    private static bool IsTestEvent(JsonElement root)
        => root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("Event", out var name)
            && name.ValueKind == JsonValueKind.String
            && name.ValueEquals("s3:TestEvent");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
