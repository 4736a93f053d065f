using System.Diagnostics;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Lakehouse;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Cli.Running;

/// <summary>
/// Runs a listing of objects through the processor with bounded concurrency, reporting progress as each object ends.
/// The commits of one Delta table run one after another in version order (they are applied under one table lease); the first
/// one applies the table's current files from its checkpoint and log, the others are then already applied.
/// </summary>
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
            await Parallel.ForEachAsync(WorkItems(objects), options, async (chain, ct) =>
            {
                foreach (var info in chain)
                {
                    var outcome = await workspace.Processor.ProcessAsync(ToEvent(info), ct).ConfigureAwait(false);
                    summary.Add(outcome);
                    progress.ObjectDone(outcome);
                }
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

    /// <summary>One item per object, except a Delta table's commits: one item holding them all, lowest version first.</summary>
    internal static IReadOnlyList<IReadOnlyList<ObjectInfo>> WorkItems(IReadOnlyList<ObjectInfo> objects)
    {
        var tables = new Dictionary<string, List<(long Version, ObjectInfo Info)>>(StringComparer.Ordinal);
        var singles = new List<IReadOnlyList<ObjectInfo>>(objects.Count);
        foreach (var info in objects)
        {
            if (!DeltaTableKeys.TryParseCommit(info.Key, out var root, out var version))
            {
                singles.Add([info]);
                continue;
            }

            if (!tables.TryGetValue(root, out var commits))
            {
                tables[root] = commits = [];
            }

            commits.Add((version, info));
        }

        // Tables first: a table's chain is the longest item, so it should not be the one left running alone at the end.
        return [.. tables.Values.Select(c => (IReadOnlyList<ObjectInfo>)c.OrderBy(x => x.Version).Select(x => x.Info).ToList()), .. singles];
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
