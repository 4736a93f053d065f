using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Cli.Running;

/// <summary>The <c>--json</c> summary: one document on stdout, nothing else (progress goes to stderr).</summary>
internal static class SummaryJson
{
    public static string Write(RunSummary summary)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("objects");
            foreach (var o in summary.Outcomes)
            {
                w.WriteStartObject();
                w.WriteString("key", o.Key);
                w.WriteString("dataset", o.Dataset);
                w.WriteString("status", o.Status.ToString().ToLowerInvariant());
                w.WriteString("reason", o.Reason);
                w.WriteNumber("rowsIn", o.RowsIn);
                w.WriteNumber("rowsOut", o.RowsOut);
                w.WriteNumber("rowsQuarantined", o.RowsQuarantined);
                w.WriteStartArray("outputs");
                foreach (var output in o.Outputs)
                {
                    w.WriteStringValue(output);
                }

                w.WriteEndArray();
                WriteMonitoring(w, o);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("totals");
            w.WriteNumber("objects", summary.Outcomes.Count);
            w.WriteNumber("processed", summary.Count(ObjectStatus.Processed));
            w.WriteNumber("skipped", summary.Count(ObjectStatus.Skipped));
            w.WriteNumber("quarantined", summary.Count(ObjectStatus.Quarantined));
            w.WriteNumber("failed", summary.Count(ObjectStatus.Failed));
            w.WriteNumber("pending", summary.Count(ObjectStatus.Pending));
            w.WriteNumber("rowsIn", summary.RowsIn);
            w.WriteNumber("rowsOut", summary.RowsOut);
            w.WriteNumber("bytesIn", summary.BytesIn);
            w.WriteNumber("seconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
            w.WriteNumber("drifted", summary.Drifted);
            w.WriteNumber("anomalous", summary.Anomalous);
            w.WriteEndObject();
            w.WriteNumber("exitCode", summary.ExitCode);
            if (summary.Queue is not null)
            {
                w.WriteString("queue", summary.Queue);
                w.WriteNumber("enqueued", summary.Enqueued);
            }
            if (summary.InferredSpecYaml.Length > 0)
            {
                w.WriteString("inferredSpec", summary.InferredSpecYaml);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Added fields (the documented ones are unchanged): drifted columns and anomalous metrics of the object.</summary>
    private static void WriteMonitoring(Utf8JsonWriter w, ProcessingOutcome o)
    {
        w.WriteBoolean("drifted", o.Monitoring?.Drifted == true);
        w.WriteStartArray("driftedColumns");
        foreach (var column in o.Monitoring?.DriftedColumns ?? [])
        {
            w.WriteStringValue(column);
        }

        w.WriteEndArray();
        w.WriteBoolean("anomalous", o.Monitoring?.Anomalous == true);
        w.WriteStartArray("anomalies");
        foreach (var a in o.Monitoring?.Anomalies.Where(a => a.Anomalous) ?? [])
        {
            w.WriteStringValue(a.Reason);
        }

        w.WriteEndArray();
    }
}
