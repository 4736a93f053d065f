using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Lakehouse;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Processes one created object end to end: claim, discover, read, profile, check, featurize, split, write, complete.
/// Every object ends processed, skipped or quarantined with a reason; only transient faults surface as <see cref="ObjectStatus.Failed"/>.
/// </summary>
public sealed partial class Processor : IObjectProcessor
{
    private readonly ProcessorContext _context;
    private readonly DatasetResolver _resolver;
    private readonly LakehouseRouter _lakehouse;
    private readonly ResiliencePipeline _retry;
    private readonly LargeObjectParts _parts;

    /// <param name="partDispatcher">Where the parts of a large object run: null = tasks of this process; a queue dispatcher in a deployment.</param>
    public Processor(IObjectStore lake, IObjectStore output, IKeyValueStore kv, SpecSet specs, ProcessorOptions options, TimeProvider time, ILogger<Processor>? logger = null, IPartDispatcher? partDispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(kv);
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid processor options: " + string.Join(" ", problems), nameof(options));
        }

        _context = new ProcessorContext(lake, output, kv, specs, options, time, logger ?? (ILogger)NullLogger.Instance);
        _resolver = new DatasetResolver(specs);
        _lakehouse = new LakehouseRouter(_context, _resolver, ProcessDataAsync);
        var retry = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.TransientRetries > 0)
        {
            retry.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFaults.IsTransient),
                MaxRetryAttempts = options.TransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.TransientRetryDelay,
            });
        }

        _retry = retry.Build();
        _parts = new LargeObjectParts(_context, _retry, partDispatcher);
    }

    public async Task<ProcessingOutcome> ProcessAsync(ObjectCreated created, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(created);
        if (created.Part is not null)
        {
            // A part of a large object (a queue message another invocation sent): it has its own claim and commits with the others.
            return await _parts.ProcessPartAsync(created, cancellationToken).ConfigureAwait(false);
        }

        // Lakehouse tables (Delta commits, their data files, Iceberg) are decided from the table's log, not from the single key.
        return await _lakehouse.TryRouteAsync(created, cancellationToken).ConfigureAwait(false)
            ?? await ProcessDataAsync(created, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ProcessingOutcome> ProcessDataAsync(ObjectCreated created, CancellationToken cancellationToken)
    {
        var match = _resolver.Resolve(created.Key, out var notData);
        if (match is null)
        {
            LogSkipped(_context.Logger, created.Key, notData!);
            return new ProcessingOutcome { Key = created.Key, Status = ObjectStatus.Skipped, Reason = notData };
        }

        var runId = Guid.CreateVersion7(_context.Time.GetUtcNow()).ToString();
        var claim = await _context.Claims.TryClaimAsync(match.Dataset, created, runId, cancellationToken).ConfigureAwait(false);
        if (claim.Busy)
        {
            return Outcome(created, match, ObjectStatus.Failed, claim.Reason);
        }

        if (!claim.Claimed)
        {
            var previous = claim.Record;
            return Outcome(created, match, ObjectStatus.Skipped, claim.Reason) with { RowsIn = previous?.RowsIn ?? 0, RowsOut = previous?.RowsOut ?? 0 };
        }

        return await RunClaimedAsync(created, match, claim.Record!, claim.Token!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ProcessingOutcome> RunClaimedAsync(ObjectCreated created, DatasetMatch match, ProcessingRecord record, string token, CancellationToken cancellationToken)
    {
        var run = new ObjectRun(_context, match, created, record.RunId);
        if (record.Attempts >= _context.Options.MaxAttempts)
        {
            // Earlier runs of this version died (expired leases) MaxAttempts times: an object that kills its worker is poison too.
            var last = record.ErrorHistory.Count > 0 ? record.ErrorHistory[^1] : "(no error recorded)";
            var poison = $"{record.Key}: poison: {record.Attempts} runs failed or died, last: {last}";
            return await QuarantineAsync(run, created, match, record, poison, null, token, cancellationToken).ConfigureAwait(false);
        }

        var failures = record.Attempts + 1;
        try
        {
            if (await _retry.ExecuteAsync(async ct => await _parts.TryFanOutAsync(created, match, record, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false) is { } split)
            {
                // Split into parts: they own the record from here (they renew its lease, and the last one commits or quarantines it).
                return split;
            }

            var result = await _retry.ExecuteAsync(async ct => await run.ExecuteAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var completed = record with
            {
                Status = RecordStatus.Completed,
                RowsIn = result.RowsIn,
                RowsOut = result.RowsOut,
                RowsQuarantined = result.RowsQuarantined,
                Outputs = result.Outputs,
                FitVersion = result.FitVersion,
                SchemaVersion = result.SchemaVersion,
                Monitoring = result.Monitoring,
            };
            return await FinishAsync(created, match, completed, token, Outcome(created, match, ObjectStatus.Processed, null) with
            {
                RowsIn = result.RowsIn,
                RowsOut = result.RowsOut,
                RowsQuarantined = result.RowsQuarantined,
                BytesIn = result.BytesIn,
                Outputs = result.Outputs,
                Monitoring = result.Monitoring,
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(created, match, Failed(record, failures, "cancelled before completion (deadline or shutdown)"), token, null).ConfigureAwait(false);
            throw;
        }
        catch (ObjectVanishedException e)
        {
            return await FinishAsync(created, match, record with { Status = RecordStatus.Skipped, Reason = e.Message }, token, Outcome(created, match, ObjectStatus.Skipped, e.Message)).ConfigureAwait(false);
        }
        catch (OutOfMemoryException)
        {
            // Says nothing about the object: record the attempt (poison after MaxAttempts) and let the host fail the invocation.
            await FinishAsync(created, match, Failed(record, failures, "out of memory"), token, null).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (TransientFaults.IsTransient(e) && failures < _context.Options.MaxAttempts)
        {
            LogTransient(_context.Logger, e, created.Key, failures);
            var reason = $"transient failure (attempt {failures} of {_context.Options.MaxAttempts}): {e.Message}";
            return await FinishAsync(created, match, Failed(record, failures, e.Message), token, Outcome(created, match, ObjectStatus.Failed, reason)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var failed = record with { Attempts = failures, Monitoring = (e as MonitoringQuarantineException)?.Verdict };
            return await QuarantineAsync(run, created, match, failed, QuarantineReason(e, failed), e, token, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ProcessingRecord Failed(ProcessingRecord record, int failures, string reason)
        => record with { Status = RecordStatus.Failed, Attempts = failures, Reason = reason, ErrorHistory = [.. record.ErrorHistory, reason] };

    private static string QuarantineReason(Exception e, ProcessingRecord record) => e switch
    {
        // First: a TransientStorageException is also a ServerlessPrepException, and a poison object must say so.
        _ when TransientFaults.IsTransient(e) => $"{record.Key}: poison: failed {record.Attempts} times, last error: {e.Message}",
        ServerlessPrepException when e.Message.Contains(record.Key, StringComparison.Ordinal) => e.Message,
        ServerlessPrepException => $"{record.Key}: {e.Message}",
        _ => $"{record.Key}: unexpected {e.GetType().Name}: {e.Message}",
    };

    private async Task<ProcessingOutcome> QuarantineAsync(ObjectRun run, ObjectCreated created, DatasetMatch match, ProcessingRecord record, string reason, Exception? e, string token, CancellationToken cancellationToken)
    {
        LogQuarantined(_context.Logger, e, created.Key, reason);
        var history = (IReadOnlyList<string>)[.. record.ErrorHistory, reason];
        var notice = QuarantineNotice.For(_context.Lake.Uri, created, match.Dataset, reason, e, record.Attempts, history, record.RunId, _context.Time.GetUtcNow());
        using (var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(notice, CoreJsonContext.Readable.QuarantineNotice)))
        {
            await _context.Output.PutAsync(OutputLayout.QuarantineError(match), content, cancellationToken).ConfigureAwait(false);
        }

        await run.WriteFailureLineageAsync(reason, cancellationToken).ConfigureAwait(false);
        var quarantined = record with { Status = RecordStatus.Quarantined, Reason = reason, ErrorHistory = history };
        return await FinishAsync(created, match, quarantined, token, Outcome(created, match, ObjectStatus.Quarantined, reason) with { Outputs = [OutputLayout.QuarantineError(match)], Monitoring = record.Monitoring }).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the end of our run. When the claim was taken over meanwhile (our lease expired), the record is left alone and the
    /// outcome says whose result stands instead of claiming work that the record does not show.
    /// </summary>
    private async Task<ProcessingOutcome> FinishAsync(ObjectCreated created, DatasetMatch match, ProcessingRecord final, string token, ProcessingOutcome? ours)
    {
        // Recording the end must not be cancelled half-way: a lost record would only mean one more (idempotent) run.
        if (await _context.Claims.FinishAsync(match.Dataset, final, token, CancellationToken.None).ConfigureAwait(false))
        {
            return ours!;
        }

        var stored = await _context.Claims.GetAsync(match.Dataset, final.Key, CancellationToken.None).ConfigureAwait(false);
        LogLostClaim(_context.Logger, final.Key, final.RunId, stored?.RunId);
        return LostClaimOutcome(created, match, final, stored);
    }

    private static ProcessingOutcome LostClaimOutcome(ObjectCreated created, DatasetMatch match, ProcessingRecord final, ProcessingRecord? stored)
    {
        if (stored is null)
        {
            return Outcome(created, match, ObjectStatus.Skipped, $"processing record removed before run {final.RunId} finished (re-driven?); nothing recorded");
        }

        if (stored.RunId != final.RunId)
        {
            return Outcome(created, match, ObjectStatus.Skipped, $"lease lost to run {stored.RunId} ({stored.Status}); its result stands");
        }

        // Our own final write landed although the store reported it failed (a retried conditional write): the record tells how we ended.
        var status = stored.Status switch
        {
            RecordStatus.Completed => ObjectStatus.Processed,
            RecordStatus.Quarantined => ObjectStatus.Quarantined,
            RecordStatus.Skipped => ObjectStatus.Skipped,
            _ => ObjectStatus.Failed,
        };
        return Outcome(created, match, status, stored.Status == RecordStatus.Completed ? null : stored.Reason) with
        {
            RowsIn = stored.RowsIn,
            RowsOut = stored.RowsOut,
            RowsQuarantined = stored.RowsQuarantined,
            Outputs = [.. stored.Outputs],
        };
    }

    private static ProcessingOutcome Outcome(ObjectCreated created, DatasetMatch match, ObjectStatus status, string? reason)
        => new() { Key = created.Key, Dataset = match.Dataset, Status = status, Reason = reason, BytesIn = created.Size, Outputs = ImmutableArray<string>.Empty };

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Key}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient failure on {Key} (attempt {Attempt}); the event will be redelivered")]
    private static partial void LogTransient(ILogger logger, Exception exception, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined {Key}: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, Exception? exception, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim on {Key} was taken over before run {RunId} finished (now held by run {Holder}); its record was not overwritten")]
    private static partial void LogLostClaim(ILogger logger, string key, string runId, string? holder);
}
