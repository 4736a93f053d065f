using System.Globalization;
using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>Small, allocation-light readers over <see cref="JsonElement"/> shared by the AWS event parsers (no reflection).</summary>
internal static class S3EventJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            throw new S3EventFormatException($"Event is not valid JSON: {ex.Message}", ex);
        }
    }

    public static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new S3EventFormatException($"Event is not valid JSON: {ex.Message}", ex);
        }
    }

    public static JsonElement RequiredObject(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new S3EventFormatException($"Missing object '{path}'.");
        }

        return value;
    }

    public static string RequiredString(JsonElement parent, string name, string path)
    {
        var value = OptionalString(parent, name, path);
        if (string.IsNullOrEmpty(value))
        {
            throw new S3EventFormatException($"Missing string '{path}'.");
        }

        return value;
    }

    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new S3EventFormatException($"'{path}' must be a string, found {value.ValueKind}.");
    }

    public static long OptionalSize(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var size) && size >= 0)
        {
            return size;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            return size;
        }

        throw new S3EventFormatException($"'{path}' must be a non-negative integer.");
    }

    public static DateTimeOffset RequiredTime(JsonElement parent, string name, string path)
    {
        var text = RequiredString(parent, name, path);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        throw new S3EventFormatException($"'{path}' is not an ISO 8601 time: '{text}'.");
    }

    /// <summary>S3 reports ETags in quotes in some places and bare in others; the core compares them bare.</summary>
    public static string? NormalizeETag(string? etag) => string.IsNullOrEmpty(etag) ? null : etag.Trim('"');
}
