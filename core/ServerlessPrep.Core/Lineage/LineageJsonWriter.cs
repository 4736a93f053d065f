using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ServerlessPrep.Core.Lineage;

/// <summary>Writes <see cref="LineageEvent"/>s as OpenLineage JSON, deterministically and without reflection.</summary>
public static class LineageJsonWriter
{
    public static byte[] ToUtf8(LineageEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("eventType", e.EventType);
            w.WriteString("eventTime", e.EventTime);
            w.WriteString("producer", e.Producer);
            w.WriteString("schemaURL", e.SchemaUrl);
            w.WriteStartObject("run");
            w.WriteString("runId", e.Run.RunId);
            WriteFacets(w, e.Run.Facets);
            w.WriteEndObject();
            w.WriteStartObject("job");
            w.WriteString("namespace", e.Job.Namespace);
            w.WriteString("name", e.Job.Name);
            w.WriteEndObject();
            WriteDatasets(w, "inputs", e.Inputs);
            WriteDatasets(w, "outputs", e.Outputs);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDatasets(Utf8JsonWriter w, string name, IReadOnlyList<LineageDataset> datasets)
    {
        w.WriteStartArray(name);
        foreach (var d in datasets)
        {
            w.WriteStartObject();
            w.WriteString("namespace", d.Namespace);
            w.WriteString("name", d.Name);
            WriteFacets(w, d.Facets);
            if (d.InputFacets is { Count: > 0 } inputFacets)
            {
                WriteFacets(w, inputFacets, "inputFacets");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteFacets(Utf8JsonWriter w, IReadOnlyDictionary<string, LineageFacet> facets, string property = "facets")
    {
        w.WriteStartObject(property);
        foreach (var (name, facet) in facets)
        {
            w.WriteStartObject(name);
            w.WriteString("_producer", LineageConstants.Producer);
            w.WriteString("_schemaURL", facet.SchemaUrl);
            foreach (var (field, value) in facet.Fields)
            {
                w.WritePropertyName(field);
                WriteValue(w, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int or long:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float:
                w.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                w.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    w.WritePropertyName(k);
                    WriteValue(w, v);
                }

                w.WriteEndObject();
                break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
