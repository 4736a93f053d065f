using System.Diagnostics;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Cli.Running;

/// <summary>Runs a listing of objects through the processor with bounded concurrency, reporting progress as each object ends.</summary>
internal sealed class BatchRunner(LocalWorkspace workspace, int concurrency, IProgressReporter progress)
{
    public async Task<RunSummary> RunAsync(IReadOnlyList<ObjectInfo> objects, CancellationToken cancellationToken)
    {
        var summary = new RunSummary();
        var clock = Stopwatch.StartNew();
        progress.Start(objects.Count, objects.Sum(o => o.Size));
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(objects, options, async (info, ct) =>
            {
                var outcome = await workspace.Processor.ProcessAsync(ToEvent(info), ct).ConfigureAwait(false);
                summary.Add(outcome);
                progress.ObjectDone(outcome);
            }).ConfigureAwait(false);
        }
        finally
        {
            summary.Elapsed = clock.Elapsed;
            summary.Sort();
            progress.Stop();
        }

        return summary;
    }

    public async Task<IReadOnlyList<ObjectInfo>> ListAsync(string prefix, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectInfo>();
        await foreach (var info in workspace.Lake.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (since is null || info.LastModified >= since)
            {
                objects.Add(info);
            }
        }

        return objects;
    }

    public ObjectCreated ToEvent(ObjectInfo info)
        => new(workspace.Lake.Uri, info.Key, info.Size, info.ETag, info.Version, null, info.LastModified, "backfill");
}
