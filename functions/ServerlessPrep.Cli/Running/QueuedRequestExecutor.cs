using System.Diagnostics;
using ServerlessPrep.Cli.Cloud;
using ServerlessPrep.Core.Backfill;

namespace ServerlessPrep.Cli.Running;

/// <summary>The body of a cloud <c>backfill</c>: open the deployment's stores, enqueue, follow, report like an in-process run.</summary>
internal static class QueuedRequestExecutor
{
    public static async Task<RunSummary> ExecuteAsync(QueuedRequest request, Func<string, string?> getVariable, CliConsole console, CancellationToken cancellationToken)
    {
        CloudBackfillTarget target;
        try
        {
            target = CloudBackfillTarget.Open(request.LakeUri, request.QueueUri, request.KvUri, request.Root, getVariable);
        }
        catch (CloudBackfillException e)
        {
            throw new CliUsageException(e.Message);
        }

        try
        {
            return await RunAsync(request, target, console, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CloudErrors.Describe(e) is { } problem)
        {
            throw new CliUsageException($"{problem} (lake {request.LakeUri}, queue {target.Queue.Uri}, key-value store {request.KvUri})");
        }
    }

    private static async Task<RunSummary> RunAsync(QueuedRequest request, CloudBackfillTarget target, CliConsole console, CancellationToken cancellationToken)
    {

        var options = new QueuedBackfillOptions
        {
            Since = request.Since,
            DryRun = request.DryRun,
            Wait = request.Wait is not null,
            Timeout = request.Wait ?? TimeSpan.Zero,
            PollInterval = request.PollInterval,
        };
        var reporter = new ConsoleProgress(console.Error, console.ErrorIsTerminal && !request.Json);
        var clock = Stopwatch.StartNew();
        BackfillResult result;
        try
        {
            result = await new QueuedBackfill(target.Lake, target.Kv, target.Queue, request.Specs, TimeProvider.System)
                .RunAsync(target.Prefix, options, new BackfillProgress(reporter, console.Error, target.Queue.Uri), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            reporter.Stop();
        }

        var summary = new RunSummary { Elapsed = clock.Elapsed, Queue = target.Queue.Uri, Enqueued = result.Enqueued, PendingExpected = request.Wait is null };
        foreach (var outcome in result.Outcomes)
        {
            summary.Add(outcome);
        }

        if (request.Json)
        {
            await console.Out.WriteLineAsync(SummaryJson.Write(summary)).ConfigureAwait(false);
        }
        else
        {
            SummaryTable.Write(console.Rich, summary);
        }

        return summary;
    }
}
