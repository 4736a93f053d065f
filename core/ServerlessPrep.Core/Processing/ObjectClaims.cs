using System.Text.Json;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Idempotency and per-key ordering with conditional writes: at most one worker processes a given object version at a time,
/// a completed version is never processed again, and an event older than what was already processed is skipped.
/// </summary>
public sealed class ObjectClaims(IKeyValueStore kv, TimeProvider time, ProcessorOptions options)
{
    private const int MaxRaceRetries = 5;

    public Task<ClaimResult> TryClaimAsync(string dataset, ObjectCreated created, string runId, CancellationToken cancellationToken)
        => TryClaimAsync(dataset, KvKeys.Object(created.Key), created, runId, cancellationToken);

    /// <summary>The same claim under another sort key (a part of a large object has its own claim and lease).</summary>
    internal async Task<ClaimResult> TryClaimAsync(string dataset, string sk, ObjectCreated created, string runId, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Dataset(dataset);
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var now = time.GetUtcNow();
            var item = await kv.GetAsync(pk, sk, cancellationToken).ConfigureAwait(false);
            var existing = item is null ? null : Deserialize(item);
            var decision = Decide(existing, created, now);
            if (decision is not null)
            {
                return decision;
            }

            var (failures, history) = FailuresSoFar(existing, created);
            var record = new ProcessingRecord
            {
                Key = created.Key,
                Version = created.VersionToken,
                Sequencer = created.Sequencer,
                Status = RecordStatus.InProgress,
                Attempts = failures,
                ErrorHistory = history,
                LeaseUntil = now + options.ClaimLease,
                RunId = runId,
                UpdatedAt = now,
            };
            var condition = item is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(item.VersionToken!);
            var token = await kv.PutAsync(new KvItem(pk, sk, Serialize(record)), condition, cancellationToken).ConfigureAwait(false);
            if (token is not null)
            {
                return ClaimResult.Won(record, token);
            }
        }

        return ClaimResult.InProgressElsewhere("lost the claim race repeatedly; another worker holds this object");
    }

    /// <summary>Replaces our claimed record with its final state; returns false if someone took the claim over meanwhile.</summary>
    public Task<bool> FinishAsync(string dataset, ProcessingRecord final, string token, CancellationToken cancellationToken)
        => FinishAsync(dataset, KvKeys.Object(final.Key), final, token, cancellationToken);

    internal async Task<bool> FinishAsync(string dataset, string sk, ProcessingRecord final, string token, CancellationToken cancellationToken)
    {
        var item = new KvItem(KvKeys.Dataset(dataset), sk, Serialize(final with { LeaseUntil = null, UpdatedAt = time.GetUtcNow() }));
        return await kv.PutAsync(item, KvWriteCondition.IfVersion(token), cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task<ProcessingRecord?> GetAsync(string dataset, string key, CancellationToken cancellationToken)
    {
        var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.Object(key), cancellationToken).ConfigureAwait(false);
        return item is null ? null : Deserialize(item);
    }

    /// <summary>
    /// <see cref="ProcessingRecord.Attempts"/> counts runs of this version that ended in failure: the failed runs already recorded, plus
    /// one when we take over an expired lease (that run died or hung). Losing a claim race or backing off from a live lease counts nothing.
    /// </summary>
    private static (int Failures, IReadOnlyList<string> History) FailuresSoFar(ProcessingRecord? existing, ObjectCreated created)
    {
        if (existing is null || existing.Version != created.VersionToken)
        {
            return (0, []);
        }

        return existing.Status == RecordStatus.InProgress
            ? (existing.Attempts + 1, [.. existing.ErrorHistory, $"lease expired (worker died?): run {existing.RunId} did not finish by {existing.LeaseUntil:O}"])
            : (existing.Attempts, existing.ErrorHistory);
    }

    private ClaimResult? Decide(ProcessingRecord? existing, ObjectCreated created, DateTimeOffset now)
    {
        if (existing is null)
        {
            return null;
        }

        if (SequencerOrder.Compare(created.Sequencer, existing.Sequencer) < 0)
        {
            return ClaimResult.Skip($"stale event: a newer version of this key (sequencer {existing.Sequencer}) was already seen", existing);
        }

        if (existing.Version != created.VersionToken)
        {
            // A different (newer or unordered) version replaces the outputs, but never while another run still writes them.
            return existing.Status == RecordStatus.InProgress && existing.LeaseUntil > now
                ? ClaimResult.InProgressElsewhere($"another version of this key is being processed (run {existing.RunId})")
                : null;
        }

        return existing.Status switch
        {
            RecordStatus.Completed => ClaimResult.Skip($"already processed (run {existing.RunId})", existing),
            RecordStatus.Quarantined => ClaimResult.Skip($"already quarantined: {existing.Reason}", existing),
            RecordStatus.Skipped => ClaimResult.Skip($"already skipped: {existing.Reason}", existing),
            RecordStatus.InProgress when existing.LeaseUntil > now => ClaimResult.InProgressElsewhere($"in progress in run {existing.RunId} until {existing.LeaseUntil:O}"),
            _ when existing.Attempts >= options.MaxAttempts && existing.Status == RecordStatus.Failed =>
                ClaimResult.Skip($"poison: failed {existing.Attempts} times; re-drive after a fix", existing),
            _ => null,
        };
    }

    internal static byte[] Serialize(ProcessingRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, CoreJsonContext.Readable.ProcessingRecord);

    internal static ProcessingRecord Deserialize(KvItem item)
        => JsonSerializer.Deserialize(item.Value.Span, CoreJsonContext.Readable.ProcessingRecord)
           ?? throw new InvalidOperationException($"Processing record {item.PartitionKey}/{item.SortKey} is empty.");
}
