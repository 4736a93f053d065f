using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

internal static partial class FitStateJson
{
    public static FitState Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var format = root.GetProperty("formatVersion").GetInt32();
            if (format < 1 || format > FitState.CurrentFormatVersion)
            {
                throw new FormatException($"Fit state format version {format} is not supported (this build reads 1..{FitState.CurrentFormatVersion}).");
            }

            var columns = new List<ColumnFit>();
            foreach (var c in root.GetProperty("columns").EnumerateArray())
            {
                columns.Add(ReadColumn(c));
            }

            var crosses = new List<CrossFit>();
            if (root.TryGetProperty("crosses", out var xs))
            {
                foreach (var x in xs.EnumerateArray())
                {
                    crosses.Add(new CrossFit(ReadStrings(x, "columns"), x.GetProperty("buckets").GetInt32()));
                }
            }

            var fittedAt = root.TryGetProperty("fittedAt", out var at)
                ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                : default;
            var state = new FitState(
                root.GetProperty("dataset").GetString()!,
                root.GetProperty("source").GetString()!,
                columns,
                crosses,
                fittedAt,
                root.TryGetProperty("profile", out var p) ? p.GetString() : null,
                format);
            if (format == FitState.CurrentFormatVersion && root.TryGetProperty("version", out var v) && v.GetString() != state.Version)
            {
                throw new FormatException($"Fit state version '{v.GetString()}' does not match its content ({state.Version}).");
            }

            return state;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Invalid fit state JSON: {e.Message}", e);
        }
    }

    private static ColumnFit ReadColumn(JsonElement c)
    {
        ImputeFit? impute = null;
        if (c.TryGetProperty("impute", out var i))
        {
            impute = new ImputeFit(
                Enum.Parse<ImputeStrategy>(i.GetProperty("strategy").GetString()!),
                Number(i, "number"),
                i.TryGetProperty("text", out var t) ? t.GetString() : null,
                Flag(i, "indicator"));
        }

        OutlierFit? outliers = null;
        if (c.TryGetProperty("outliers", out var o))
        {
            outliers = new OutlierFit(
                Enum.Parse<OutlierMethod>(o.GetProperty("method").GetString()!),
                Enum.Parse<OutlierAction>(o.GetProperty("action").GetString()!),
                Number(o, "lower") ?? double.NegativeInfinity,
                Number(o, "upper") ?? double.PositiveInfinity);
        }

        return new ColumnFit
        {
            Name = c.GetProperty("name").GetString()!,
            Kind = Enum.Parse<DataKind>(c.GetProperty("kind").GetString()!),
            SourceKind = Enum.Parse<DataKind>(c.GetProperty("sourceKind").GetString()!),
            Drop = Flag(c, "drop"),
            Trim = Flag(c, "trim"),
            Case = c.TryGetProperty("case", out var cs) ? Enum.Parse<TextCase>(cs.GetString()!) : TextCase.None,
            Impute = impute,
            Outliers = outliers,
            Transform = c.TryGetProperty("transform", out var tr) ? ReadTransform(tr) : null,
        };
    }

    private static TransformFit ReadTransform(JsonElement t)
    {
        var edges = ImmutableArray<double>.Empty;
        if (t.TryGetProperty("binEdges", out var e))
        {
            var b = ImmutableArray.CreateBuilder<double>();
            foreach (var x in e.EnumerateArray())
            {
                b.Add(x.GetDouble());
            }

            edges = b.ToImmutable();
        }

        return new TransformFit
        {
            Kind = Enum.Parse<TransformKind>(t.GetProperty("kind").GetString()!),
            Mean = Number(t, "mean"),
            StdDev = Number(t, "stdDev"),
            Min = Number(t, "min"),
            Max = Number(t, "max"),
            BinEdges = edges,
            Vocabulary = t.TryGetProperty("vocabulary", out _) ? ReadStrings(t, "vocabulary") : [],
            Buckets = t.TryGetProperty("buckets", out var k) ? k.GetInt32() : 0,
            Cyclical = Flag(t, "cyclical"),
        };
    }

    private static ImmutableArray<string> ReadStrings(JsonElement e, string name)
    {
        var b = ImmutableArray.CreateBuilder<string>();
        foreach (var x in e.GetProperty(name).EnumerateArray())
        {
            b.Add(x.GetString()!);
        }

        return b.ToImmutable();
    }

    private static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : null;

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.GetBoolean();
}
