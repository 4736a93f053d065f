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
        foreach (var info in objects)
        {
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
}
