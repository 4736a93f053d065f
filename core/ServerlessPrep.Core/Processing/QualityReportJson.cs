using System.Text.Json;
using ServerlessPrep.Core.Cleaning;

namespace ServerlessPrep.Core.Processing;

/// <summary>The quality report of an object: rule verdicts and what cleaning changed.</summary>
internal static class QualityReportJson
{
    public static void Write(Utf8JsonWriter w, QualityCounters q)
    {
        w.WriteStartObject();
        w.WriteNumber("rowsIn", q.RowsIn);
        w.WriteNumber("rowsOut", q.RowsOut);
        w.WriteNumber("rowsRejected", q.RowsRejected);
        w.WriteNumber("duplicatesDropped", q.DuplicatesDropped);
        w.WriteNumber("outlierRowsDropped", q.OutlierRowsDropped);
        w.WriteStartObject("rules");
        foreach (var (name, counts) in q.Rules.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(name);
            w.WriteNumber("evaluated", counts.Evaluated);
            w.WriteNumber("failed", counts.Failed);
            w.WriteString("verdict", counts.Failed == 0 ? "pass" : "fail");
            w.WriteEndObject();
        }

        w.WriteEndObject();
        WriteCounts(w, "imputed", q.Imputed);
        WriteCounts(w, "coercionFailures", q.CoercionFailures);
        WriteCounts(w, "outliers", q.Outliers);
        w.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, long> counts)
    {
        w.WriteStartObject(name);
        foreach (var (column, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(column, count);
        }

        w.WriteEndObject();
    }
}
