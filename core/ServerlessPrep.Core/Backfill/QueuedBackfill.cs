using System.Globalization;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Backfill;

/// <summary>
/// A backfill run by the deployment: lists the lake, skips objects whose processing record is already final for the listed
/// version, enqueues one message per remaining object on the deployment's queue, then follows the functions' progress by
/// reading the processing records until every enqueued object is finished or the timeout passes. Resumable: a second run skips
/// what finished and enqueues the rest again (a duplicate message is skipped by the claim).
/// </summary>
public sealed class QueuedBackfill
{
    private const int BatchReadSize = 100;
    private readonly IObjectStore _lake;
    private readonly IKeyValueStore _kv;
    private readonly IWorkQueue _queue;
    private readonly DatasetResolver _resolver;
    private readonly TimeProvider _time;
    private readonly int _maxAttempts;

    public QueuedBackfill(IObjectStore lake, IKeyValueStore kv, IWorkQueue queue, SpecSet specs, TimeProvider time, ProcessorOptions? processorOptions = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(kv);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(time);
        _lake = lake;
        _kv = kv;
        _queue = queue;
        _resolver = new DatasetResolver(specs);
        _time = time;
        _maxAttempts = (processorOptions ?? new ProcessorOptions()).MaxAttempts;
    }

    public async Task<BackfillResult> RunAsync(string prefix, QueuedBackfillOptions options, IBackfillObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(options);
        if (options.EnqueueBatchSize < 1 || options.ReadConcurrency < 1 || options.PollInterval <= TimeSpan.Zero || options.Timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "Batch size and read concurrency must be at least 1, the poll interval positive and the timeout not negative.");
        }

        var listed = await ListAsync(prefix, options.Since, cancellationToken).ConfigureAwait(false);
        observer?.Listed(listed.Count, listed.Sum(o => o.Size));
        var outcomes = new List<ProcessingOutcome>(listed.Count);
        var candidates = new List<Tracked>(listed.Count);
        foreach (var info in listed)
        {
            var delivered = _queue.AsDelivered(new ObjectCreated(_lake.Uri, info.Key, info.Size, info.ETag, info.Version, null, info.LastModified, "backfill"));
            var match = _resolver.Resolve(delivered.Key, out var notData);
            if (match is null)
            {
                Done(outcomes, observer, new ProcessingOutcome { Key = delivered.Key, Status = ObjectStatus.Skipped, Reason = notData });
            }
            else
            {
                candidates.Add(new Tracked(delivered, match));
            }
        }

        var records = await ReadRecordsAsync(candidates, options.ReadConcurrency, cancellationToken).ConfigureAwait(false);
        var work = new List<Tracked>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (AlreadyFinal(candidates[i], records[i]) is { } skip)
            {
                Done(outcomes, observer, options.DryRun ? skip with { Reason = "would skip: " + skip.Reason } : skip);
            }
            else
            {
                work.Add(candidates[i]);
            }
        }

        if (options.DryRun)
        {
            outcomes.AddRange(work.Select(t => Outcome(t, ObjectStatus.Skipped, $"would enqueue on {_queue.Uri}")));
            return Sorted(outcomes, 0);
        }

        var started = _time.GetUtcNow();
        var enqueued = 0;
        foreach (var batch in work.Chunk(options.EnqueueBatchSize))
        {
            await _queue.EnqueueAsync(batch.Select(t => t.Created).ToList(), cancellationToken).ConfigureAwait(false);
            enqueued += batch.Length;
            observer?.Enqueued(enqueued);
        }

        if (!options.Wait)
        {
            outcomes.AddRange(work.Select(t => Outcome(t, ObjectStatus.Pending, $"enqueued on {_queue.Uri}; not followed (--no-wait)")));
            return Sorted(outcomes, enqueued);
        }

        await FollowAsync(work, started, options, outcomes, observer, cancellationToken).ConfigureAwait(false);
        return Sorted(outcomes, enqueued);
    }

    private async Task FollowAsync(List<Tracked> work, DateTimeOffset started, QueuedBackfillOptions options, List<ProcessingOutcome> outcomes, IBackfillObserver? observer, CancellationToken cancellationToken)
    {
        var deadline = started + options.Timeout;
        var pending = work;
        var last = new ProcessingRecord?[pending.Count];
        while (pending.Count > 0)
        {
            last = await ReadRecordsAsync(pending, options.ReadConcurrency, cancellationToken).ConfigureAwait(false);
            var still = new List<Tracked>(pending.Count);
            var stillRecords = new List<ProcessingRecord?>(pending.Count);
            for (var i = 0; i < pending.Count; i++)
            {
                if (Finished(pending[i], last[i], started) is { } outcome)
                {
                    Done(outcomes, observer, outcome);
                }
                else
                {
                    still.Add(pending[i]);
                    stillRecords.Add(last[i]);
                }
            }

            pending = still;
            last = [.. stillRecords];
            if (pending.Count == 0 || _time.GetUtcNow() >= deadline)
            {
                break;
            }

            var pause = deadline - _time.GetUtcNow();
            await Task.Delay(pause < options.PollInterval ? pause : options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < pending.Count; i++)
        {
            Done(outcomes, observer, Outcome(pending[i], ObjectStatus.Pending, $"not finished after {Format(options.Timeout)}: {State(last[i], pending[i])}"));
        }
    }

    /// <summary>A record that makes the object's message pointless: the same decisions the claim makes for a duplicate event.</summary>
    private ProcessingOutcome? AlreadyFinal(Tracked tracked, ProcessingRecord? record)
    {
        if (record is null || record.Version != tracked.Created.VersionToken)
        {
            return null;
        }

        var reason = record.Status switch
        {
            RecordStatus.Completed => $"already processed (run {record.RunId})",
            RecordStatus.Quarantined => $"already quarantined: {record.Reason}",
            RecordStatus.Skipped => $"already skipped: {record.Reason}",
            RecordStatus.Failed when record.Attempts >= _maxAttempts => $"poison: failed {record.Attempts} times; re-drive after a fix",
            _ => null,
        };
        return reason is null ? null : Outcome(tracked, ObjectStatus.Skipped, reason) with { RowsIn = record.RowsIn, RowsOut = record.RowsOut };
    }

    /// <summary>The final outcome of an enqueued object as the functions recorded it, or null while it is still to do.</summary>
    private ProcessingOutcome? Finished(Tracked tracked, ProcessingRecord? record, DateTimeOffset started)
    {
        if (record is null)
        {
            return null;
        }

        if (record.Version != tracked.Created.VersionToken)
        {
            // Another version of the key finished after we enqueued: the object changed since the listing.
            return record.UpdatedAt >= started && record.Status is RecordStatus.Completed or RecordStatus.Quarantined or RecordStatus.Skipped
                ? Outcome(tracked, ObjectStatus.Skipped, $"superseded: version {record.Version} of this key was {record.Status.ToLowerInvariant()} meanwhile")
                : null;
        }

        return record.Status switch
        {
            RecordStatus.Completed => Outcome(tracked, ObjectStatus.Processed, null) with
            {
                RowsIn = record.RowsIn,
                RowsOut = record.RowsOut,
                RowsQuarantined = record.RowsQuarantined,
                Outputs = [.. record.Outputs],
            },
            RecordStatus.Quarantined => Outcome(tracked, ObjectStatus.Quarantined, record.Reason) with { Outputs = [OutputLayout.QuarantineError(tracked.Match)] },
            RecordStatus.Skipped => Outcome(tracked, ObjectStatus.Skipped, record.Reason),
            RecordStatus.Failed when record.Attempts >= _maxAttempts => Outcome(tracked, ObjectStatus.Failed, $"failed {record.Attempts} times (poison; re-drive after a fix): {record.Reason}"),
            _ => null,
        };
    }

    private string State(ProcessingRecord? record, Tracked tracked) => record switch
    {
        null => "no processing record yet (still queued, or the functions do not consume the queue)",
        _ when record.Version != tracked.Created.VersionToken => $"the record is for version {record.Version} ({record.Status.ToLowerInvariant()}), not the listed {tracked.Created.VersionToken}",
        { Status: RecordStatus.InProgress } => $"in progress in run {record.RunId}",
        { Status: RecordStatus.Failed } => $"failed attempt {record.Attempts} of {_maxAttempts}, to be retried: {record.Reason}",
        _ => record.Status.ToLowerInvariant(),
    };

    private async Task<ProcessingRecord?[]> ReadRecordsAsync(List<Tracked> tracked, int concurrency, CancellationToken cancellationToken)
    {
        var records = new ProcessingRecord?[tracked.Count];
        if (_kv is IKeyValueBatch batch)
        {
            for (var start = 0; start < tracked.Count; start += BatchReadSize)
            {
                var keys = tracked.Skip(start).Take(BatchReadSize).Select(t => (KvKeys.Dataset(t.Match.Dataset), KvKeys.Object(t.Created.Key))).ToList();
                var items = await batch.GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < items.Count; i++)
                {
                    records[start + i] = items[i] is { } item ? ObjectClaims.Deserialize(item) : null;
                }
            }

            return records;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, tracked.Count, parallel, async (i, ct) =>
        {
            var item = await _kv.GetAsync(KvKeys.Dataset(tracked[i].Match.Dataset), KvKeys.Object(tracked[i].Created.Key), ct).ConfigureAwait(false);
            records[i] = item is null ? null : ObjectClaims.Deserialize(item);
        }).ConfigureAwait(false);
        return records;
    }

    private async Task<List<ObjectInfo>> ListAsync(string prefix, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectInfo>();
        await foreach (var info in _lake.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (since is null || info.LastModified >= since)
            {
                objects.Add(info);
            }
        }

        return objects;
    }

    private static void Done(List<ProcessingOutcome> outcomes, IBackfillObserver? observer, ProcessingOutcome outcome)
    {
        outcomes.Add(outcome);
        observer?.ObjectDone(outcome);
    }

    private static ProcessingOutcome Outcome(Tracked tracked, ObjectStatus status, string? reason)
        => new() { Key = tracked.Created.Key, Dataset = tracked.Match.Dataset, Status = status, Reason = reason, BytesIn = tracked.Created.Size };

    private static BackfillResult Sorted(List<ProcessingOutcome> outcomes, int enqueued)
    {
        outcomes.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new BackfillResult(outcomes, enqueued);
    }

    private static string Format(TimeSpan span) => span.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min");

    private sealed record Tracked(ObjectCreated Created, DatasetMatch Match);
}
