using System.Text.Json;

namespace ServerlessPrep.Core.Events;

/// <summary>
/// The optional part descriptor of a large object's part message, written into the cloud event the work queue carries
/// (<c>detail.serverlessprepPart</c> of an EventBridge event, <c>data.serverlessprepPart</c> of an Event Grid event).
/// Events without it are whole objects, so every existing message format still parses unchanged.
/// </summary>
public static class ObjectPartJson
{
    public const string Property = "serverlessprepPart";

    public static void Write(Utf8JsonWriter writer, ObjectPart part)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(part);
        writer.WriteStartObject(Property);
        writer.WriteString("runId", part.RunId);
        writer.WriteNumber("phase", part.Phase);
        writer.WriteNumber("index", part.Index);
        writer.WriteNumber("count", part.Count);
        writer.WriteNumber("firstRowGroup", part.FirstRowGroup);
        writer.WriteNumber("rowGroups", part.RowGroups);
        writer.WriteNumber("firstRow", part.FirstRow);
        writer.WriteNumber("rows", part.Rows);
        writer.WriteEndObject();
    }

    /// <summary>The descriptor inside <paramref name="container"/>, or null when there is none.</summary>
    /// <exception cref="CloudEventFormatException">The descriptor is present but malformed.</exception>
    public static ObjectPart? Read(JsonElement container)
    {
        if (container.ValueKind != JsonValueKind.Object || !container.TryGetProperty(Property, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            var part = new ObjectPart(
                p.GetProperty("runId").GetString() ?? throw new FormatException("runId is null"),
                p.GetProperty("phase").GetInt32(),
                p.GetProperty("index").GetInt32(),
                p.GetProperty("count").GetInt32(),
                p.GetProperty("firstRowGroup").GetInt32(),
                p.GetProperty("rowGroups").GetInt32(),
                p.GetProperty("firstRow").GetInt64(),
                p.GetProperty("rows").GetInt64());
            if (part.Phase is not (ObjectPart.ProfilePhase or ObjectPart.PreparePhase) || part.Index < 0 || part.Index >= part.Count || part.RowGroups < 1 || part.Rows < 0 || part.FirstRow < 0)
            {
                throw new FormatException($"inconsistent values ({part})");
            }

            return part;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CloudEventFormatException($"'{Property}' is malformed: {e.Message}");
        }
    }
}
