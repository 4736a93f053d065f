using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>
/// Reads an Amazon EventBridge event from S3 (<c>"source":"aws.s3"</c>, <c>"detail-type":"Object Created"</c>).
/// Unlike S3 notifications, <c>detail.object.key</c> is not URL-encoded.
/// </summary>
public static class EventBridgeS3EventParser
{
    public const string Source = "eventbridge";

    /// <summary>True when <paramref name="root"/> is an EventBridge envelope (has <c>detail-type</c> and <c>detail</c>).</summary>
    public static bool IsMatch(JsonElement root)
        => root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("detail-type", out _)
            && root.TryGetProperty("detail", out _);

    public static S3EventEntry Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = S3EventJson.Parse(utf8Json);
        return Parse(document.RootElement);
    }

    public static S3EventEntry Parse(JsonElement root)
    {
        if (!IsMatch(root))
        {
            throw new S3EventFormatException("Not an EventBridge event: missing 'detail-type' or 'detail'.");
        }

        var source = S3EventJson.RequiredString(root, "source", "source");
        var detailType = S3EventJson.RequiredString(root, "detail-type", "detail-type");
        if (source != "aws.s3")
        {
            throw new S3EventFormatException($"EventBridge event from '{source}' ('{detailType}'), expected source 'aws.s3'.");
        }

        var detail = S3EventJson.RequiredObject(root, "detail", "detail");
        var bucket = S3EventJson.RequiredString(S3EventJson.RequiredObject(detail, "bucket", "detail.bucket"), "name", "detail.bucket.name");
        var obj = S3EventJson.RequiredObject(detail, "object", "detail.object");
        var key = S3EventJson.RequiredString(obj, "key", "detail.object.key");
        if (detailType != "Object Created")
        {
            return S3EventEntry.Ignored($"{detailType} on s3://{bucket}/{key} is not an object creation");
        }

        var version = S3EventJson.OptionalString(obj, "version-id", "detail.object.version-id");
        var sequencer = S3EventJson.OptionalString(obj, "sequencer", "detail.object.sequencer");
        ObjectPart? part;
        try
        {
            part = ObjectPartJson.Read(detail);
        }
        catch (CloudEventFormatException e)
        {
            throw new S3EventFormatException($"detail.{e.Message}", e);
        }

        var created = new ObjectCreated(
            bucket,
            key,
            S3EventJson.OptionalSize(obj, "size", "detail.object.size"),
            S3EventJson.NormalizeETag(S3EventJson.OptionalString(obj, "etag", "detail.object.etag")),
            string.IsNullOrEmpty(version) ? null : version,
            string.IsNullOrEmpty(sequencer) ? null : sequencer,
            S3EventJson.RequiredTime(root, "time", "time"),
            Source);
        return S3EventEntry.Of(created with { Part = part });
    }
}
