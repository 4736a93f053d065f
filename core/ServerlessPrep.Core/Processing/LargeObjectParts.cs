using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Polly;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Large objects: a Parquet object above <see cref="ProcessorOptions.LargeObjectThresholdBytes"/> is split into row-group ranges
/// that run separately (tasks here, or invocations through the work queue) and commit together. Without a frozen dataset fit the
/// parts first profile their ranges; the last to finish merges the profiles and fits once; then every part prepares its range with
/// that one transform state; the last to finish commits (profile, manifest, processing record). Nothing is visible before that.
/// </summary>
internal sealed partial class LargeObjectParts
{
    private readonly ProcessorContext _context;
    private readonly LargeObjectStore _store;
    private readonly ResiliencePipeline _retry;
    private readonly IPartDispatcher _dispatcher;
    private readonly LargeObjectCommit _commit;

    public LargeObjectParts(ProcessorContext context, ResiliencePipeline retry, IPartDispatcher? dispatcher)
    {
        _context = context;
        _store = new LargeObjectStore(context.Kv, context.Time);
        _retry = retry;
        _dispatcher = dispatcher ?? new InProcessPartDispatcher(ProcessPartAsync, context.Options.PartParallelism, context.Options.MaxAttempts);
        _commit = new LargeObjectCommit(context, _store);
    }

    /// <summary>
    /// Called with the object's claim won: splits a large object into parts and dispatches them, or returns null to process it whole.
    /// In process, returns the object's final outcome; with a queue, <see cref="ObjectStatus.Pending"/> (the parts commit it later).
    /// </summary>
    public async Task<ProcessingOutcome?> TryFanOutAsync(ObjectCreated created, DatasetMatch match, ProcessingRecord record, CancellationToken cancellationToken)
    {
        var threshold = _context.Options.LargeObjectThresholdBytes;
        if (_dispatcher.RunsInProcess && !_context.Options.SplitInProcess)
        {
            return null;
        }

        if (created.Size > 0 && created.Size <= threshold)
        {
            return null;
        }

        if (created.PartitionValues is not null && !_dispatcher.RunsInProcess)
        {
            // A Delta file's partition values come with its commit, not its key, and queue messages do not carry them.
            return null;
        }

        var info = await _context.Lake.GetInfoAsync(created.Key, cancellationToken).ConfigureAwait(false);
        if (info is null || info.Size <= threshold)
        {
            return null;
        }

        var declared = match.Spec ?? await _context.Fits.GetInferredSpecAsync(match.Dataset, cancellationToken).ConfigureAwait(false);
        if (LargeObjectPlanner.WholeBecause(declared) is { } whole)
        {
            LogWhole(_context.Logger, created.Key, info.Size, whole);
            return null;
        }

        var rowGroups = await LargeObjectPlanner.RowGroupsAsync(_context.Lake, info, cancellationToken).ConfigureAwait(false);
        if (rowGroups is null || rowGroups.Count < 2)
        {
            return null;
        }

        var activeFit = declared is null ? null : await _context.Fits.GetActiveAsync(match.Dataset, cancellationToken).ConfigureAwait(false);
        var phase = activeFit is null ? ObjectPart.ProfilePhase : ObjectPart.PreparePhase;
        var parts = LargeObjectPlanner.Plan(rowGroups, _context.Options.RowGroupsPerPart, record.RunId, phase);
        var run = new ObjectRun(_context, match, created, record.RunId).ForPart(info, new RowRange(0, parts[0].Rows));
        var schema = await run.ReadSchemaAsync(declared?.Format ?? InputFormat.Auto, declared?.Csv ?? new CsvOptions(), cancellationToken).ConfigureAwait(false);
        var schemaVersion = await _context.Catalog.RecordSchemaAsync(match.Dataset, schema, created.Key, cancellationToken).ConfigureAwait(false);
        await _store.CreateAsync(match.Dataset, new LargeObjectRecord
        {
            Key = created.Key,
            Version = created.VersionToken,
            RunId = record.RunId,
            State = activeFit is null ? LargeObjectState.Profiling : LargeObjectState.Preparing,
            Size = info.Size,
            ETag = info.ETag,
            VersionId = info.Version,
            LastModified = info.LastModified,
            Parts = parts,
            FrozenFit = activeFit is not null,
            FitVersion = activeFit?.Version,
            SchemaVersion = schemaVersion.Number,
        }, cancellationToken).ConfigureAwait(false);
        await run.WriteLineageAsync(run.Lineage.Start(_context.Time.GetUtcNow(), null), cancellationToken).ConfigureAwait(false);
        LogFanOut(_context.Logger, created.Key, info.Size, parts.Count, rowGroups.Count, _dispatcher.Target);

        await _dispatcher.DispatchAsync([.. parts.Select(p => created with { Part = p })], cancellationToken).ConfigureAwait(false);
        if (!_dispatcher.RunsInProcess)
        {
            return new ProcessingOutcome
            {
                Key = created.Key,
                Dataset = match.Dataset,
                Status = ObjectStatus.Pending,
                Reason = $"split into {parts.Count} parts ({rowGroups.Count} row groups) sent to {_dispatcher.Target}; committed when every part finished",
                BytesIn = info.Size,
            };
        }

        return await InProcessOutcomeAsync(created, match, record, info, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles one part event (a queue message, or a task of <see cref="InProcessPartDispatcher"/>).</summary>
    public async Task<ProcessingOutcome> ProcessPartAsync(ObjectCreated created, CancellationToken cancellationToken)
    {
        var part = created.Part ?? throw new ArgumentException("Not a part event.", nameof(created));
        var match = new DatasetResolver(_context.Specs).Resolve(created.Key, out var notData);
        if (match is null)
        {
            return PartOutcome(created, null, ObjectStatus.Skipped, notData);
        }

        var coordinator = await _store.GetAsync(match.Dataset, created.Key, cancellationToken).ConfigureAwait(false);
        if (coordinator is null || coordinator.RunId != part.RunId)
        {
            return PartOutcome(created, match, ObjectStatus.Skipped, $"{part} belongs to run {part.RunId}, which is no longer the object's run");
        }

        if (coordinator.State is LargeObjectState.Committed or LargeObjectState.Failed)
        {
            return PartOutcome(created, match, ObjectStatus.Skipped, $"{part}: the object is already {coordinator.State.ToLowerInvariant()}");
        }

        var sk = KvKeys.PartClaim(created.Key, part.RunId, part.Phase, part.Index);
        var claim = await _context.Claims.TryClaimAsync(match.Dataset, sk, created, Guid.CreateVersion7(_context.Time.GetUtcNow()).ToString(), cancellationToken).ConfigureAwait(false);
        if (claim.Busy)
        {
            return PartOutcome(created, match, ObjectStatus.Failed, $"{part}: {claim.Reason}");
        }

        if (!claim.Claimed)
        {
            return claim.Record is { Status: RecordStatus.Failed } poisoned && poisoned.Attempts >= _context.Options.MaxAttempts
                ? await _commit.FailAsync(created, match, coordinator, PoisonReason(created.Key, part, poisoned), null, cancellationToken).ConfigureAwait(false)
                : PartOutcome(created, match, ObjectStatus.Skipped, $"{part}: {claim.Reason}");
        }

        var record = claim.Record!;
        var token = claim.Token!;
        if (record.Attempts >= _context.Options.MaxAttempts)
        {
            var outcome = await _commit.FailAsync(created, match, coordinator, PoisonReason(created.Key, part, record), null, cancellationToken).ConfigureAwait(false);
            await _context.Claims.FinishAsync(match.Dataset, sk, record with { Status = RecordStatus.Quarantined, Reason = outcome.Reason }, token, CancellationToken.None).ConfigureAwait(false);
            return outcome;
        }

        await RenewObjectLeaseAsync(match, coordinator, cancellationToken).ConfigureAwait(false);
        var failures = record.Attempts + 1;
        try
        {
            await _retry.ExecuteAsync(async ct => await RunPhaseAsync(created, match, coordinator, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            await _context.Claims.FinishAsync(match.Dataset, sk, record with { Status = RecordStatus.Completed }, token, CancellationToken.None).ConfigureAwait(false);
            return PartOutcome(created, match, ObjectStatus.Processed, part.ToString());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _context.Claims.FinishAsync(match.Dataset, sk, Failed(record, failures, "cancelled before completion (deadline or shutdown)"), token, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (OutOfMemoryException)
        {
            await _context.Claims.FinishAsync(match.Dataset, sk, Failed(record, failures, "out of memory"), token, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (TransientFaults.IsTransient(e) && failures < _context.Options.MaxAttempts)
        {
            LogPartTransient(_context.Logger, e, created.Key, part.ToString(), failures);
            await _context.Claims.FinishAsync(match.Dataset, sk, Failed(record, failures, e.Message), token, CancellationToken.None).ConfigureAwait(false);
            return PartOutcome(created, match, ObjectStatus.Failed, $"{part}: transient failure (attempt {failures} of {_context.Options.MaxAttempts}): {e.Message}");
        }
        catch (Exception e)
        {
            var reason = e is ObjectVanishedException ? e.Message : PartFailureReason(created.Key, part, e, failures);
            var outcome = await _commit.FailAsync(created, match, coordinator, reason, e, cancellationToken).ConfigureAwait(false);
            await _context.Claims.FinishAsync(match.Dataset, sk, Failed(record, failures, reason) with { Status = RecordStatus.Quarantined }, token, CancellationToken.None).ConfigureAwait(false);
            return outcome;
        }
    }

    private async Task RunPhaseAsync(ObjectCreated created, DatasetMatch match, LargeObjectRecord coordinator, CancellationToken cancellationToken)
    {
        var part = created.Part!;
        var info = new ObjectInfo(created.Key, coordinator.Size, coordinator.ETag, coordinator.LastModified, coordinator.VersionId);
        var run = new ObjectRun(_context, match, created with { Part = null }, coordinator.RunId).ForPart(info, new RowRange(part.FirstRow, part.Rows));
        var declared = match.Spec ?? await _context.Fits.GetInferredSpecAsync(match.Dataset, cancellationToken).ConfigureAwait(false);
        var format = declared?.Format ?? InputFormat.Auto;
        var csv = declared?.Csv ?? new CsvOptions();
        if (part.Phase == ObjectPart.ProfilePhase)
        {
            var (_, profile) = await run.ProfileAsync(format, csv, cancellationToken).ConfigureAwait(false);
            await _store.PutProfileAsync(match.Dataset, created.Key, part.RunId, part.Index, profile.Profile, cancellationToken).ConfigureAwait(false);
            var (profiled, _) = await _store.UpdateAsync(match.Dataset, created.Key, part.RunId,
                r => r.State == LargeObjectState.Profiling && !r.Profiled.Contains(part.Index) ? r with { Profiled = [.. r.Profiled, part.Index] } : null,
                cancellationToken).ConfigureAwait(false);
            await AfterProfileAsync(created, match, run, declared, format, csv, profiled, cancellationToken).ConfigureAwait(false);
            return;
        }

        var spec = declared ?? throw new InvalidOperationException($"{created.Key}: no spec to prepare {part} with (the inferred spec is missing).");
        var fit = await _context.Fits.GetAsync(match.Dataset, coordinator.FitVersion!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{created.Key}: fit {coordinator.FitVersion} of run {part.RunId} is missing.");
        await using (var prepared = await run.PrepareAsync(spec, null!, fit, coordinator.FrozenFit, format, csv, cancellationToken).ConfigureAwait(false))
        {
            var featuresKey = OutputLayout.FeaturesPart(match, part.Index, part.Count);
            for (var i = 0; i < prepared.FeatureFiles.Count; i++)
            {
                await _context.Output.PutAsync(OutputLayout.FeaturesFile(featuresKey, i), prepared.FeatureFiles[i], cancellationToken).ConfigureAwait(false);
            }

            var rowsKey = OutputLayout.QuarantinedRowsPart(match, part.Index, part.Count);
            var rejected = prepared.Quarantine.Content();
            if (rejected is not null)
            {
                await _context.Output.PutAsync(rowsKey, rejected, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _context.Output.DeleteAsync(rowsKey, cancellationToken).ConfigureAwait(false);
            }

            if (prepared.Online is { } online)
            {
                await online.WriteAsync(_context.Kv, created.Key, cancellationToken).ConfigureAwait(false);
            }

            if (prepared.Profile is { } profile)
            {
                await _store.PutProfileAsync(match.Dataset, created.Key, part.RunId, part.Index, profile.Profile, cancellationToken).ConfigureAwait(false);
            }

            await _store.PutResultAsync(match.Dataset, created.Key, part.RunId, PartResult.From(part.Index, prepared, featuresKey, rejected is null ? null : rowsKey), cancellationToken).ConfigureAwait(false);
        }

        var (current, _) = await _store.UpdateAsync(match.Dataset, created.Key, part.RunId,
            r => r.State == LargeObjectState.Preparing && !r.Prepared.Contains(part.Index) ? r with { Prepared = [.. r.Prepared, part.Index] } : null,
            cancellationToken).ConfigureAwait(false);
        if (current is { State: LargeObjectState.Preparing } && current.Prepared.Count == current.Parts.Count)
        {
            (current, var won) = await _store.UpdateAsync(match.Dataset, created.Key, part.RunId,
                r => r.State == LargeObjectState.Preparing && r.Prepared.Count == r.Parts.Count ? r with { State = LargeObjectState.Committing, Committer = part.Index } : null,
                cancellationToken).ConfigureAwait(false);
            if (!won)
            {
                return;
            }
        }

        // The committer commits; it commits again when its message is redelivered after it died half-way (every write is idempotent).
        if (current is { State: LargeObjectState.Committing } && current.Committer == part.Index)
        {
            await _commit.CommitAsync(created with { Part = null }, match, run, spec, fit, current, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The last part to finish profiling merges the part profiles, fits once and starts the prepare phase.</summary>
    private async Task AfterProfileAsync(ObjectCreated created, DatasetMatch match, ObjectRun run, DatasetSpec? declared, InputFormat format, CsvOptions csv, LargeObjectRecord? current, CancellationToken cancellationToken)
    {
        var part = created.Part!;
        if (current is { State: LargeObjectState.Profiling } && current.Profiled.Count == current.Parts.Count)
        {
            var profile = await _store.MergeProfilesAsync(match.Dataset, current, cancellationToken).ConfigureAwait(false);
            var schema = await run.ReadSchemaAsync(format, csv, cancellationToken).ConfigureAwait(false);
            var spec = declared ?? await _context.Fits.SaveInferredSpecAsync(DefaultSpecInference.Infer(match.Dataset, schema, profile.Statistics), cancellationToken).ConfigureAwait(false);
            var fit = TransformFitter.Fit(spec, schema, profile.Statistics, FitState.SourceObject, $"object:{created.Key}@{created.VersionToken}", _context.Time);
            await _store.PutFitAsync(fit, cancellationToken).ConfigureAwait(false);
            (current, var won) = await _store.UpdateAsync(match.Dataset, created.Key, part.RunId,
                r => r.State == LargeObjectState.Profiling && r.Profiled.Count == r.Parts.Count ? r with { State = LargeObjectState.Preparing, FitVersion = fit.Version, Fitter = part.Index } : null,
                cancellationToken).ConfigureAwait(false);
            if (!won)
            {
                return;
            }
        }

        // The fitter dispatches the prepare phase; again when its message is redelivered (parts that already ran skip by their claims).
        if (current is { State: LargeObjectState.Preparing } && current.Fitter == part.Index)
        {
            await _dispatcher.DispatchAsync([.. current.Parts.Select(p => created with { Part = p with { Phase = ObjectPart.PreparePhase } })], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProcessingOutcome> InProcessOutcomeAsync(ObjectCreated created, DatasetMatch match, ProcessingRecord claimed, ObjectInfo info, CancellationToken cancellationToken)
    {
        var record = await _context.Claims.GetAsync(match.Dataset, created.Key, CancellationToken.None).ConfigureAwait(false);
        var outcome = new ProcessingOutcome { Key = created.Key, Dataset = match.Dataset, Status = ObjectStatus.Failed, BytesIn = info.Size };
        if (record is null || record.RunId != claimed.RunId)
        {
            return outcome with { Status = ObjectStatus.Skipped, Reason = $"lease lost to run {record?.RunId} ({record?.Status}); its result stands" };
        }

        switch (record.Status)
        {
            case RecordStatus.Completed:
                return outcome with
                {
                    Status = ObjectStatus.Processed,
                    RowsIn = record.RowsIn,
                    RowsOut = record.RowsOut,
                    RowsQuarantined = record.RowsQuarantined,
                    Outputs = [.. record.Outputs],
                    Monitoring = record.Monitoring,
                };
            case RecordStatus.Quarantined:
                return outcome with { Status = ObjectStatus.Quarantined, Reason = record.Reason, Outputs = [OutputLayout.QuarantineError(match)], Monitoring = record.Monitoring };
            case RecordStatus.Skipped:
                return outcome with { Status = ObjectStatus.Skipped, Reason = record.Reason };
        }

        // Parts still failing after every round: this run of the object failed; the next event or run starts it again.
        var coordinator = await _store.GetAsync(match.Dataset, created.Key, CancellationToken.None).ConfigureAwait(false);
        var reason = $"{created.Key}: parts did not finish (state {coordinator?.State}, {coordinator?.Prepared.Count ?? 0} of {coordinator?.Parts.Count ?? 0} prepared)";
        await _store.UpdateAsync(match.Dataset, created.Key, claimed.RunId, r => r.State is LargeObjectState.Committed or LargeObjectState.Failed ? null : r with { State = LargeObjectState.Failed, Reason = reason }, CancellationToken.None).ConfigureAwait(false);
        await _store.UpdateObjectAsync(match.Dataset, created.Key, claimed.RunId, r => r.Status == RecordStatus.InProgress ? Failed(r, r.Attempts + 1, reason) : null, CancellationToken.None).ConfigureAwait(false);
        _ = cancellationToken;
        return outcome with { Reason = reason };
    }

    /// <summary>A live part keeps the object's claim alive, so a redelivered object event waits instead of starting over.</summary>
    private Task RenewObjectLeaseAsync(DatasetMatch match, LargeObjectRecord coordinator, CancellationToken cancellationToken)
    {
        var until = _context.Time.GetUtcNow() + _context.Options.ClaimLease;
        return _store.UpdateObjectAsync(match.Dataset, coordinator.Key, coordinator.RunId,
            r => r.Status == RecordStatus.InProgress && (r.LeaseUntil is null || r.LeaseUntil < until) ? r with { LeaseUntil = until } : null,
            cancellationToken);
    }

    private static ProcessingRecord Failed(ProcessingRecord record, int failures, string reason)
        => record with { Status = RecordStatus.Failed, Attempts = failures, Reason = reason, ErrorHistory = [.. record.ErrorHistory, reason] };

    private static string PoisonReason(string key, ObjectPart part, ProcessingRecord record)
        => $"{key}: poison: {part} failed or died {record.Attempts} times, last: {(record.ErrorHistory.Count > 0 ? record.ErrorHistory[^1] : "(no error recorded)")}";

    private static string PartFailureReason(string key, ObjectPart part, Exception e, int attempts)
    {
        var where = $"row groups {part.FirstRowGroup}..{part.FirstRowGroup + part.RowGroups - 1} (part {part.Index + 1} of {part.Count})";
        return e switch
        {
            _ when TransientFaults.IsTransient(e) => $"{key}: poison: {where} failed {attempts} times, last error: {e.Message}",
            MonitoringQuarantineException => e.Message.Contains(key, StringComparison.Ordinal) ? e.Message : $"{key}: {e.Message}",
            ServerlessPrepException when e.Message.Contains(key, StringComparison.Ordinal) => $"{e.Message} [{where}]",
            ServerlessPrepException => $"{key}: {e.Message} [{where}]",
            _ => $"{key}: unexpected {e.GetType().Name}: {e.Message} [{where}]",
        };
    }

    private static ProcessingOutcome PartOutcome(ObjectCreated created, DatasetMatch? match, ObjectStatus status, string? reason)
        => new() { Key = created.Key, Dataset = match?.Dataset, Status = status, Reason = reason, Outputs = ImmutableArray<string>.Empty };

    [LoggerMessage(Level = LogLevel.Information, Message = "Large object {Key} ({Bytes} bytes): split into {Parts} parts of its {RowGroups} row groups, run by {Target}")]
    private static partial void LogFanOut(ILogger logger, string key, long bytes, int parts, int rowGroups, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Large object {Key} ({Bytes} bytes) is processed whole: {Reason}")]
    private static partial void LogWhole(ILogger logger, string key, long bytes, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient failure on {Key}, {Part} (attempt {Attempt}); the part will run again")]
    private static partial void LogPartTransient(ILogger logger, Exception exception, string key, string part, int attempt);
}
