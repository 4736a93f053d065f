using System.Text;
using System.Text.Json;

namespace ServerlessPrep.Core.Profiling.Serialization;

/// <summary>
/// A readable, deterministic JSON view of profiles (fixed property order, shortest round-trip numbers, non-finite
/// numbers as null). Written with <see cref="Utf8JsonWriter"/> only: no reflection, so it works under Native AOT.
/// This is a report, not a storage format: it cannot be read back into sketches.
/// </summary>
public static class ProfileJsonWriter
{
    public const int TopValueCount = 10;
    public const int HistogramBins = 20;

    private static readonly (string Name, double Q)[] Percentiles =
        [("p1", 0.01), ("p5", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.50), ("p75", 0.75), ("p90", 0.90), ("p95", 0.95), ("p99", 0.99)];

    public static string ToJson(DatasetProfile profile, bool indented = true)
    {
        using var stream = new MemoryStream();
        Write(profile, stream, indented);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(DatasetProfile profile, Stream utf8Json, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var writer = new Utf8JsonWriter(utf8Json, new JsonWriterOptions { Indented = indented });
        writer.WriteStartObject();
        writer.WriteNumber("formatVersion", ProfileBinarySerializer.MajorVersion);
        writer.WriteNumber("rowCount", profile.RowCount);
        writer.WriteNumber("objectCount", profile.ObjectCount);
        writer.WriteStartArray("columns");
        foreach (var column in profile.Columns)
        {
            WriteColumn(writer, column);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("conflicts");
        foreach (var conflict in profile.Conflicts)
        {
            writer.WriteStartObject();
            writer.WriteString("column", conflict.Column);
            writer.WriteString("keptKind", conflict.KeptKind.ToString());
            writer.WriteString("droppedKind", conflict.DroppedKind.ToString());
            writer.WriteNumber("droppedRows", conflict.DroppedRows);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteColumn(Utf8JsonWriter writer, ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(column);
        writer.WriteStartObject();
        writer.WriteString("name", column.Name);
        writer.WriteString("kind", column.Kind.ToString());
        writer.WriteNumber("count", column.RowCount);
        writer.WriteNumber("nulls", column.NullCount);
        writer.WriteStartObject("distinct");
        Number(writer, "estimate", Math.Round(column.DistinctEstimate));
        writer.WriteBoolean("exact", column.DistinctStandardError == 0);
        Number(writer, "standardError", column.DistinctStandardError);
        writer.WriteEndObject();
        if (column.MomentsSketch is not null)
        {
            WriteNumeric(writer, column);
        }

        if (column.FrequentSketch is not null)
        {
            writer.WriteStartArray("topValues");
            foreach (var item in column.TopValues(TopValueCount))
            {
                writer.WriteStartObject();
                writer.WriteString("value", item.Value);
                writer.WriteNumber("count", item.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("topValuesMaxError", column.TopValuesMaximumError);
        }

        else if (column.TopValuesDropped)
        {
            writer.WriteBoolean("topValuesDropped", true);
        }

        if (column.Text is { } text)
        {
            writer.WriteStartObject("text");
            writer.WriteNumber("minLength", text.MinLength);
            writer.WriteNumber("maxLength", text.MaxLength);
            Number(writer, "meanLength", text.MeanLength);
            writer.WriteNumber("minTokens", text.MinTokens);
            writer.WriteNumber("maxTokens", text.MaxTokens);
            Number(writer, "meanTokens", text.MeanTokens);
            writer.WriteNumber("empty", text.EmptyCount);
            writer.WriteEndObject();
        }

        if (column.SemanticSketch is not null)
        {
            writer.WriteString("semanticType", column.SemanticType.ToString());
        }

        writer.WriteEndObject();
    }

    private static void WriteNumeric(Utf8JsonWriter writer, ColumnProfile column)
    {
        writer.WriteNumber("nan", column.NaNCount);
        writer.WriteNumber("positiveInfinity", column.PositiveInfinityCount);
        writer.WriteNumber("negativeInfinity", column.NegativeInfinityCount);
        Number(writer, "min", column.Min);
        Number(writer, "max", column.Max);
        Number(writer, "mean", column.Mean);
        Number(writer, "stddev", column.StandardDeviation);
        Number(writer, "skewness", column.Skewness);
        Number(writer, "excessKurtosis", column.ExcessKurtosis);
        writer.WriteStartObject("quantiles");
        foreach (var (name, q) in Percentiles)
        {
            Number(writer, name, column.Quantile(q));
        }

        writer.WriteEndObject();
        Number(writer, "quantileRankError", column.QuantileRankError);
        writer.WriteStartArray("histogram");
        foreach (var bin in column.Histogram(HistogramBins))
        {
            writer.WriteStartObject();
            Number(writer, "lower", bin.Lower);
            Number(writer, "upper", bin.Upper);
            writer.WriteNumber("count", bin.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
