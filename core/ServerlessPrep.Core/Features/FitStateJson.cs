using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace ServerlessPrep.Core.Features;

/// <summary>Canonical JSON of a <see cref="FitState"/>: fixed property order, unset values omitted, invariant numbers.</summary>
internal static partial class FitStateJson
{
    public static string ComputeVersion(FitState state)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteTo(buffer, state, includeMetadata: false);
        var hash = XxHash64.HashToUInt64(buffer.WrittenSpan);
        return "fit-" + hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    public static string Write(FitState state, bool includeMetadata)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteTo(buffer, state, includeMetadata);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTo(IBufferWriter<byte> output, FitState state, bool includeMetadata)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = includeMetadata, NewLine = "\n" });
        w.WriteStartObject();
        w.WriteNumber("formatVersion", state.FormatVersion);
        if (includeMetadata)
        {
            w.WriteString("version", state.Version);
        }

        w.WriteString("dataset", state.Dataset);
        w.WriteString("source", state.Source);
        if (includeMetadata)
        {
            w.WriteString("fittedAt", state.FittedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            if (state.ProfileReference is not null)
            {
                w.WriteString("profile", state.ProfileReference);
            }
        }

        w.WriteStartArray("columns");
        foreach (var c in state.Columns)
        {
            WriteColumn(w, c);
        }

        w.WriteEndArray();
        w.WriteStartArray("crosses");
        foreach (var x in state.Crosses)
        {
            w.WriteStartObject();
            WriteStrings(w, "columns", x.Columns);
            w.WriteNumber("buckets", x.Buckets);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter w, ColumnFit c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("kind", c.Kind.ToString());
        w.WriteString("sourceKind", c.SourceKind.ToString());
        WriteFlag(w, "drop", c.Drop);
        WriteFlag(w, "trim", c.Trim);
        if (c.Case != Specs.TextCase.None)
        {
            w.WriteString("case", c.Case.ToString());
        }

        if (c.Impute is { } i)
        {
            w.WriteStartObject("impute");
            w.WriteString("strategy", i.Strategy.ToString());
            WriteNumber(w, "number", i.Number);
            if (i.Text is not null)
            {
                w.WriteString("text", i.Text);
            }

            WriteFlag(w, "indicator", i.AddIndicator);
            w.WriteEndObject();
        }

        if (c.Outliers is { } o)
        {
            w.WriteStartObject("outliers");
            w.WriteString("method", o.Method.ToString());
            w.WriteString("action", o.Action.ToString());
            WriteNumber(w, "lower", o.Lower);
            WriteNumber(w, "upper", o.Upper);
            w.WriteEndObject();
        }

        if (c.Transform is { } t)
        {
            WriteTransform(w, t);
        }

        w.WriteEndObject();
    }

    private static void WriteTransform(Utf8JsonWriter w, TransformFit t)
    {
        w.WriteStartObject("transform");
        w.WriteString("kind", t.Kind.ToString());
        WriteNumber(w, "mean", t.Mean);
        WriteNumber(w, "stdDev", t.StdDev);
        WriteNumber(w, "min", t.Min);
        WriteNumber(w, "max", t.Max);
        if (!t.BinEdges.IsDefaultOrEmpty)
        {
            w.WriteStartArray("binEdges");
            foreach (var e in t.BinEdges)
            {
                w.WriteNumberValue(e);
            }

            w.WriteEndArray();
        }

        if (!t.Vocabulary.IsDefaultOrEmpty)
        {
            WriteStrings(w, "vocabulary", t.Vocabulary);
        }

        if (t.Buckets != 0)
        {
            w.WriteNumber("buckets", t.Buckets);
        }

        WriteFlag(w, "cyclical", t.Cyclical);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteFlag(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
    }
}
