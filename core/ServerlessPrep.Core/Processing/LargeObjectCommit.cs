using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The two ends of a large object: the commit by the last part (merged profile, manifest listing every part's outputs, processing
/// record COMPLETED), and the quarantine of the whole object by the first part that failed for good.
/// </summary>
internal sealed partial class LargeObjectCommit(ProcessorContext context, LargeObjectStore store)
{
    public async Task CommitAsync(ObjectCreated created, DatasetMatch match, ObjectRun run, DatasetSpec spec, FitState fit, LargeObjectRecord coordinator, CancellationToken cancellationToken)
    {
        var results = await store.GetResultsAsync(match.Dataset, coordinator, cancellationToken).ConfigureAwait(false);
        var profile = await store.MergeProfilesAsync(match.Dataset, coordinator, cancellationToken).ConfigureAwait(false);
        var counters = PartResult.Sum(results);
        var monitoring = await context.Monitor.EvaluateAsync(match.Dataset, created, spec, profile.Profile, cancellationToken).ConfigureAwait(false);
        var rowsOut = results.Sum(r => r.RowsOut);
        var rowsQuarantined = results.Sum(r => r.RowsQuarantined);

        var outputs = ImmutableArray.CreateBuilder<string>();
        outputs.AddRange(results.SelectMany(r => r.MoreFeatures.Prepend(r.Features)));
        var profileKey = OutputLayout.Profile(match);
        using (var profileJson = new MemoryStream(profile.ToJson(match.Dataset, created.Key, counters, monitoring)))
        {
            await context.Output.PutAsync(profileKey, profileJson, cancellationToken).ConfigureAwait(false);
        }

        outputs.Add(profileKey);
        outputs.AddRange(results.Where(r => r.QuarantinedRows is not null).Select(r => r.QuarantinedRows!));
        await context.Kv.PutAsync(new Storage.KvItem(KvKeys.Dataset(match.Dataset), KvKeys.Profile(created.Key), profile.ToBinary()), Storage.KvWriteCondition.None, cancellationToken).ConfigureAwait(false);

        // A whole run of an earlier version may have left single-file outputs: they are not part of this commit.
        await context.Output.DeleteAsync(OutputLayout.Features(match), cancellationToken).ConfigureAwait(false);
        await context.Output.DeleteAsync(OutputLayout.QuarantinedRows(match), cancellationToken).ConfigureAwait(false);

        var schemaVersion = coordinator.SchemaVersion.ToString(CultureInfo.InvariantCulture);
        var manifest = new ObjectManifest
        {
            Dataset = match.Dataset,
            InputKey = created.Key,
            InputVersion = coordinator.Version,
            RunId = coordinator.RunId,
            FitVersion = fit.Version,
            FitSource = fit.Source,
            SchemaVersion = schemaVersion,
            RowsIn = profile.RowCount,
            RowsOut = rowsOut,
            RowsQuarantined = rowsQuarantined,
            SplitCounts = SumSplits(results),
            Outputs = outputs.ToArray(),
            Parts = coordinator.Parts.Count,
            CommittedAt = context.Time.GetUtcNow(),
            Monitoring = monitoring.IsEmpty ? null : monitoring,
        };
        var manifestKey = OutputLayout.Manifest(match);
        using (var manifestJson = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, CoreJsonContext.Readable.ObjectManifest)))
        {
            await context.Output.PutAsync(manifestKey, manifestJson, cancellationToken).ConfigureAwait(false);
        }

        outputs.Add(manifestKey);
        await context.Catalog.RecordPartitionAsync(match.Dataset, created.Key, profile.RowCount, coordinator.SchemaVersion, cancellationToken).ConfigureAwait(false);
        await WriteCompleteLineageAsync(run, match, spec, fit, coordinator, profile.RowCount, rowsOut, rowsQuarantined, monitoring, manifestKey, cancellationToken).ConfigureAwait(false);

        var committed = outputs.ToImmutable();
        var record = await store.UpdateObjectAsync(match.Dataset, created.Key, coordinator.RunId, r => r.Status == RecordStatus.InProgress ? r with
        {
            Status = RecordStatus.Completed,
            LeaseUntil = null,
            RowsIn = profile.RowCount,
            RowsOut = rowsOut,
            RowsQuarantined = rowsQuarantined,
            Outputs = committed,
            FitVersion = fit.Version,
            SchemaVersion = schemaVersion,
            Monitoring = monitoring.IsEmpty ? null : monitoring,
        } : null, CancellationToken.None).ConfigureAwait(false);
        await store.UpdateAsync(match.Dataset, created.Key, coordinator.RunId, r => r.State == LargeObjectState.Committing ? r with { State = LargeObjectState.Committed } : null, CancellationToken.None).ConfigureAwait(false);
        if (record is not null)
        {
            await store.CleanUpAsync(match.Dataset, created.Key, coordinator.RunId, CancellationToken.None).ConfigureAwait(false);
        }

        LogCommitted(context.Logger, created.Key, coordinator.Parts.Count, rowsOut, record is not null);
    }

    /// <summary>
    /// Fails the whole object for one part: the first caller turns the coordinator FAILED and quarantines the object with the reason;
    /// later callers (other parts failing too) only report it.
    /// </summary>
    public async Task<ProcessingOutcome> FailAsync(ObjectCreated created, DatasetMatch match, LargeObjectRecord coordinator, string reason, Exception? e, CancellationToken cancellationToken)
    {
        var (current, won) = await store.UpdateAsync(match.Dataset, created.Key, coordinator.RunId,
            r => r.State is LargeObjectState.Committed or LargeObjectState.Failed ? null : r with { State = LargeObjectState.Failed, Reason = reason },
            CancellationToken.None).ConfigureAwait(false);
        var outcome = new ProcessingOutcome { Key = created.Key, Dataset = match.Dataset, Status = ObjectStatus.Quarantined, Reason = current?.Reason ?? reason, Outputs = [OutputLayout.QuarantineError(match)] };
        if (!won)
        {
            return current?.State == LargeObjectState.Committed ? outcome with { Status = ObjectStatus.Skipped, Reason = "the object was committed before this part failed", Outputs = [] } : outcome;
        }

        LogQuarantined(context.Logger, e, created.Key, reason);
        var monitoring = (e as MonitoringQuarantineException)?.Verdict;
        var record = await context.Claims.GetAsync(match.Dataset, created.Key, CancellationToken.None).ConfigureAwait(false);
        var history = (IReadOnlyList<string>)[.. record?.ErrorHistory ?? [], reason];
        var notice = QuarantineNotice.For(context.Lake.Uri, created, match.Dataset, reason, e, record?.Attempts ?? 0, history, coordinator.RunId, context.Time.GetUtcNow());
        using (var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(notice, CoreJsonContext.Readable.QuarantineNotice)))
        {
            await context.Output.PutAsync(OutputLayout.QuarantineError(match), content, CancellationToken.None).ConfigureAwait(false);
        }

        var run = new ObjectRun(context, match, created with { Part = null }, coordinator.RunId);
        await run.WriteFailureLineageAsync(reason, CancellationToken.None).ConfigureAwait(false);
        await store.UpdateObjectAsync(match.Dataset, created.Key, coordinator.RunId,
            r => r.Status == RecordStatus.InProgress ? r with { Status = RecordStatus.Quarantined, LeaseUntil = null, Reason = reason, ErrorHistory = history, Monitoring = monitoring } : null,
            CancellationToken.None).ConfigureAwait(false);
        _ = cancellationToken;
        return outcome with { Monitoring = monitoring };
    }

    private async Task WriteCompleteLineageAsync(ObjectRun run, DatasetMatch match, DatasetSpec spec, FitState fit, LargeObjectRecord coordinator, long rowsIn, long rowsOut, long rowsQuarantined, Quality.MonitoringVerdict monitoring, string manifestKey, CancellationToken cancellationToken)
    {
        var format = spec.Format;
        var schema = await run.ReadSchemaAsync(format, spec.Csv, cancellationToken).ConfigureAwait(false);
        var pipeline = PreparationPipeline.Create(spec, schema, fit);
        var facets = ObjectMonitor.LineageFacets(monitoring);
        var complete = run.Lineage.Complete(
            context.Time.GetUtcNow(),
            schema,
            pipeline.OutputSchema,
            manifestKey,
            [.. pipeline.Lineage.Select(l => (l.OutputColumn, (IReadOnlyList<string>)l.InputColumns, l.Transform))],
            rowsOut,
            new Dictionary<string, object?>
            {
                ["fitVersion"] = fit.Version,
                ["fitSource"] = fit.Source,
                ["schemaVersion"] = coordinator.SchemaVersion,
                ["rowsIn"] = rowsIn,
                ["rowsOut"] = rowsOut,
                ["rowsQuarantined"] = rowsQuarantined,
                ["inputVersion"] = coordinator.Version,
                ["parts"] = coordinator.Parts.Count,
            },
            facets.InputFacets,
            facets.RunFacets);
        await run.WriteLineageAsync(complete, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, long> SumSplits(IReadOnlyList<PartResult> results)
    {
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (split, n) in results.SelectMany(r => r.SplitCounts))
        {
            total[split] = total.GetValueOrDefault(split) + n;
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed large object {Key}: {Parts} parts, {RowsOut} rows out (record updated: {Recorded})")]
    private static partial void LogCommitted(ILogger logger, string key, int parts, long rowsOut, bool recorded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined large object {Key}: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, Exception? exception, string key, string reason);
}
