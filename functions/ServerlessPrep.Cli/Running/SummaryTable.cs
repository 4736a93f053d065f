using System.Globalization;
using ServerlessPrep.Core.Processing;
using Spectre.Console;

namespace ServerlessPrep.Cli.Running;

/// <summary>The human summary: one row per object, then the accounting (processed + skipped + quarantined + failed = listed).</summary>
internal static class SummaryTable
{
    public static void Write(IAnsiConsole console, RunSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("status").AddColumn("object").AddColumn("dataset")
            .AddColumn(new TableColumn("rows in").RightAligned()).AddColumn(new TableColumn("rows out").RightAligned())
            .AddColumn(new TableColumn("rows quarantined").RightAligned());
        foreach (var o in summary.Outcomes)
        {
            table.AddRow(
                Status(o.Status),
                Markup.Escape(o.Key),
                Markup.Escape(o.Dataset ?? "-"),
                N(o.RowsIn),
                N(o.RowsOut),
                N(o.RowsQuarantined));
        }

        console.Write(table);
        foreach (var o in summary.Outcomes.Where(o => o.Reason is not null))
        {
            console.MarkupLine($"  {Status(o.Status)} {Markup.Escape(o.Key)}: {Markup.Escape(Shorten(o.Reason!, 300))}");
        }

        foreach (var o in summary.Outcomes.Where(o => o.Status == ObjectStatus.Processed && o.Monitoring is { } m && (m.Drifted || m.Anomalous)))
        {
            var m = o.Monitoring!;
            var what = string.Join("; ", m.Drift.Where(d => d.Drifted).Select(d => $"drift {d.Column} ({d.Reason})").Concat(m.Anomalies.Where(a => a.Anomalous).Select(a => $"anomaly {a.Reason}")));
            console.MarkupLine($"  [yellow]warning[/] {Markup.Escape(o.Key)}: {Markup.Escape(Shorten(what, 300))}");
        }

        if (summary.Drifted + summary.Anomalous > 0)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[yellow]{summary.Drifted} object(s) drifted from the reference, {summary.Anomalous} with anomalous metrics[/]"));
        }

        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 1e-3);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{summary.Outcomes.Count}[/] objects: [green]{summary.Count(ObjectStatus.Processed)} processed[/], {summary.Count(ObjectStatus.Skipped)} skipped, [yellow]{summary.Count(ObjectStatus.Quarantined)} quarantined[/], [red]{summary.Count(ObjectStatus.Failed)} failed[/]{Pending(summary)}; {summary.RowsIn:N0} rows in, {summary.RowsOut:N0} rows out in {seconds:F2} s ({summary.RowsIn / seconds:N0} rows/s, {summary.BytesIn / 1e6 / seconds:F1} MB/s)"));
    }

    private static string Status(ObjectStatus status) => status switch
    {
        ObjectStatus.Processed => "[green]processed[/]",
        ObjectStatus.Skipped => "skipped",
        ObjectStatus.Quarantined => "[yellow]quarantined[/]",
        ObjectStatus.Pending => "[blue]pending[/]",
        _ => "[red]failed[/]",
    };

    private static string Pending(RunSummary summary)
    {
        var pending = summary.Count(ObjectStatus.Pending);
        var queue = summary.Queue is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({summary.Enqueued:N0} enqueued on {Markup.Escape(summary.Queue)})");
        return pending == 0 && summary.Queue is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", [blue]{pending} pending[/]{queue}");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
