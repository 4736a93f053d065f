using ServerlessPrep.Core.Lakehouse;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Cli.Running;

/// <summary><c>--dry-run</c>: what a run would do with each object, from the processing records, without changing anything.</summary>
internal static class DryRun
{
    public static async Task<RunSummary> PlanAsync(LocalWorkspace workspace, BatchRunner runner, IReadOnlyList<ObjectInfo> objects, CancellationToken cancellationToken)
    {
        var resolver = new DatasetResolver(workspace.Specs);
        var claims = new ObjectClaims(workspace.Kv, TimeProvider.System, new ProcessorOptions());
        var summary = new RunSummary();
        var deltaRoots = objects.Select(o => DeltaTableKeys.IsLogKey(o.Key, out var root) ? root : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var info in objects)
        {
            if (DeltaPlan(info.Key, deltaRoots) is { } plan)
            {
                summary.Add(new ProcessingOutcome { Key = info.Key, Status = ObjectStatus.Skipped, Reason = plan, BytesIn = info.Size });
                continue;
            }

            var match = resolver.Resolve(info.Key, out var notData);
            if (match is null)
            {
                summary.Add(new ProcessingOutcome { Key = info.Key, Status = ObjectStatus.Skipped, Reason = notData });
                continue;
            }

            var record = await claims.GetAsync(match.Dataset, info.Key, cancellationToken).ConfigureAwait(false);
            var created = runner.ToEvent(info);
            var done = record is not null && record.Version == created.VersionToken && record.Status is RecordStatus.Completed or RecordStatus.Quarantined or RecordStatus.Skipped;
            summary.Add(new ProcessingOutcome
            {
                Key = info.Key,
                Dataset = match.Dataset,
                Status = ObjectStatus.Skipped,
                Reason = done ? $"would skip: already {record!.Status.ToLowerInvariant()}" : "would process",
                BytesIn = info.Size,
            });
        }

        summary.Sort();
        return summary;
    }

    /// <summary>What a run would do with a key of a Delta table in the listing, or null when it is not one.</summary>
    private static string? DeltaPlan(string key, HashSet<string> deltaRoots)
    {
        if (DeltaTableKeys.TryParseCommit(key, out var table, out var version))
        {
            return $"would apply Delta commit {version} of table '{table}' unless already applied (the table's first commit applies its current files from checkpoint + log)";
        }

        if (DeltaTableKeys.IsLogKey(key, out _))
        {
            return "would skip: Delta transaction log file, read when a commit is applied";
        }

        return deltaRoots.Any(root => root.Length == 0 || key.StartsWith(root + "/", StringComparison.Ordinal))
            ? "would skip: " + DeltaTableKeys.DataFileSkipReason
            : null;
    }
}
