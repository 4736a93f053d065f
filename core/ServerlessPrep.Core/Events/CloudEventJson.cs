using System.Globalization;
using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>Small, allocation-light readers over <see cref="JsonElement"/> shared by the cloud event parsers.</summary>
internal static class CloudEventJson
{
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8Json, string what)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new CloudEventFormatException($"{what}: body is not valid JSON ({ex.Message})", ex);
        }
    }

    public static string? OptionalString(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new CloudEventFormatException($"'{name}' must be a string, not {value.ValueKind}.");
    }

    public static string RequiredString(JsonElement obj, string name, string what)
    {
        var value = OptionalString(obj, name);
        return string.IsNullOrEmpty(value) ? throw new CloudEventFormatException($"{what}: '{name}' is missing or empty.") : value;
    }

    /// <summary>A 64-bit integer written either as a JSON number or as a decimal string (Google's JSON mapping of int64).</summary>
    public static long? OptionalInt64(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new CloudEventFormatException($"'{name}' must be a non-negative 64-bit integer, not '{value.GetRawText()}'.");
    }

    /// <summary>An RFC 3339 timestamp, or <c>null</c> when absent.</summary>
    public static DateTimeOffset? OptionalTime(JsonElement obj, string name)
    {
        var text = OptionalString(obj, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CloudEventFormatException($"'{name}' is not an RFC 3339 timestamp: '{text}'.");
    }
}
