using System.Text.Json;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// Reads Delta log actions (PROTOCOL.md, "Actions"): a commit is newline-delimited JSON with one action object per line;
/// a checkpoint carries the same actions as struct columns, which our Parquet reader hands over as JSON (maps as
/// <c>[{"key":…,"value":…}]</c> arrays), so both go through <see cref="Apply"/>.
/// </summary>
internal static class DeltaActionParser
{
    public static DeltaActions ParseCommit(ReadOnlyMemory<byte> content, string key)
    {
        var actions = new DeltaActions();
        var rest = content;
        long line = 0;
        while (rest.Length > 0)
        {
            line++;
            var end = rest.Span.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (current.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(current);
            }
            catch (JsonException e)
            {
                throw new InvalidDataObjectException(key, $"Delta commit line is not JSON: {e.Message}", line: line, inner: e);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataObjectException(key, "Delta commit line is not a JSON object with one action", line: line);
                }

                foreach (var action in document.RootElement.EnumerateObject())
                {
                    Apply(actions, action.Name, action.Value, key, line);
                }
            }
        }

        return actions;
    }

    /// <summary>Adds one action (<paramref name="name"/> is <c>add</c>, <c>remove</c>, <c>protocol</c>, <c>metaData</c> or anything else, ignored).</summary>
    public static void Apply(DeltaActions actions, string name, JsonElement value, string key, long line)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        switch (name)
        {
            case "add":
                actions.Adds.Add(new DeltaAddFile(
                    RequiredString(value, "path", key, line, name),
                    StringMap(value, "partitionValues"),
                    RequiredLong(value, "size", key, line, name),
                    RequiredLong(value, "modificationTime", key, line, name),
                    value.TryGetProperty("dataChange", out var change) && change.ValueKind == JsonValueKind.True,
                    value.TryGetProperty("deletionVector", out var dv) && dv.ValueKind == JsonValueKind.Object));
                break;
            case "remove":
                actions.Removes.Add(new DeltaRemoveFile(
                    RequiredString(value, "path", key, line, name),
                    value.TryGetProperty("dataChange", out var removeChange) && removeChange.ValueKind == JsonValueKind.True,
                    value.TryGetProperty("deletionTimestamp", out var ts) && ts.ValueKind == JsonValueKind.Number ? ts.GetInt64() : null));
                break;
            case "protocol":
                actions.Protocol = new DeltaProtocol(
                    (int)RequiredLong(value, "minReaderVersion", key, line, name),
                    (int)RequiredLong(value, "minWriterVersion", key, line, name),
                    value.TryGetProperty("readerFeatures", out var features) && features.ValueKind == JsonValueKind.Array
                        ? features.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!).ToArray()
                        : []);
                break;
            case "metaData":
                actions.Metadata = new DeltaMetadata(
                    value.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                    value.TryGetProperty("partitionColumns", out var columns) && columns.ValueKind == JsonValueKind.Array
                        ? columns.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToArray()
                        : [],
                    StringMap(value, "configuration").FirstOrDefault(p => p.Key == "delta.columnMapping.mode").Value);
                break;
            default:
                break;
        }
    }

    /// <summary>A <c>map&lt;string,string&gt;</c>: a JSON object in commits, an array of key/value entries from a checkpoint.</summary>
    private static KeyValuePair<string, string?>[] StringMap(JsonElement parent, string property)
    {
        if (!parent.TryGetProperty(property, out var map))
        {
            return [];
        }

        return map.ValueKind switch
        {
            JsonValueKind.Object => map.EnumerateObject().Select(p => new KeyValuePair<string, string?>(p.Name, Text(p.Value))).ToArray(),
            JsonValueKind.Array => map.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String)
                .Select(e => new KeyValuePair<string, string?>(e.GetProperty("key").GetString()!, e.TryGetProperty("value", out var v) ? Text(v) : null))
                .ToArray(),
            _ => [],
        };
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    private static string RequiredString(JsonElement action, string field, string key, long line, string name)
        => action.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataObjectException(key, $"Delta '{name}' action has no '{field}' string (expected per the Delta protocol)", line: line);

    private static long RequiredLong(JsonElement action, string field, string key, long line, string name)
        => action.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new InvalidDataObjectException(key, $"Delta '{name}' action has no integer '{field}' (expected per the Delta protocol)", line: line);
}
