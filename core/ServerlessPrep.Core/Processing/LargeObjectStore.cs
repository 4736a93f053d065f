using System.Text;
using System.Text.Json;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>Key-value access of the large-object split: the coordinator (conditional read-modify-write), part profiles and results.</summary>
internal sealed class LargeObjectStore(IKeyValueStore kv, TimeProvider time)
{
    private const int MaxRaceRetries = 20;

    public async Task<LargeObjectRecord?> GetAsync(string dataset, string key, CancellationToken cancellationToken)
    {
        var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.LargeObject(key), cancellationToken).ConfigureAwait(false);
        return item is null ? null : Deserialize(item);
    }

    /// <summary>Replaces any earlier run's coordinator (the caller holds the object's claim).</summary>
    public async Task CreateAsync(string dataset, LargeObjectRecord record, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Dataset(dataset);
        var sk = KvKeys.LargeObject(record.Key);
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var existing = await kv.GetAsync(pk, sk, cancellationToken).ConfigureAwait(false);
            var condition = existing is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(existing.VersionToken!);
            if (await kv.PutAsync(new KvItem(pk, sk, Serialize(record with { UpdatedAt = time.GetUtcNow() })), condition, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        throw new TransientStorageException($"Could not write the coordinator of {record.Key}: too many concurrent writers.");
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the coordinator of <paramref name="runId"/> with a conditional write, retrying lost races.
    /// Returns the stored record and whether our change was written (false: the change declined, or the run is gone).
    /// </summary>
    public async Task<(LargeObjectRecord? Record, bool Changed)> UpdateAsync(string dataset, string key, string runId, Func<LargeObjectRecord, LargeObjectRecord?> change, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Dataset(dataset);
        var sk = KvKeys.LargeObject(key);
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var item = await kv.GetAsync(pk, sk, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                return (null, false);
            }

            var current = Deserialize(item);
            if (current.RunId != runId || change(current) is not { } next)
            {
                return (current, false);
            }

            next = next with { UpdatedAt = time.GetUtcNow() };
            if (await kv.PutAsync(new KvItem(pk, sk, Serialize(next)), KvWriteCondition.IfVersion(item.VersionToken!), cancellationToken).ConfigureAwait(false) is not null)
            {
                return (next, true);
            }
        }

        throw new TransientStorageException($"Could not update the coordinator of {key}: too many concurrent writers.");
    }

    /// <summary>Read-modify-write of the object's processing record, only while run <paramref name="runId"/> holds it.</summary>
    public async Task<ProcessingRecord?> UpdateObjectAsync(string dataset, string key, string runId, Func<ProcessingRecord, ProcessingRecord?> change, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Dataset(dataset);
        var sk = KvKeys.Object(key);
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var item = await kv.GetAsync(pk, sk, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                return null;
            }

            var current = ObjectClaims.Deserialize(item);
            if (current.RunId != runId || change(current) is not { } next)
            {
                return null;
            }

            next = next with { UpdatedAt = time.GetUtcNow() };
            if (await kv.PutAsync(new KvItem(pk, sk, ObjectClaims.Serialize(next)), KvWriteCondition.IfVersion(item.VersionToken!), cancellationToken).ConfigureAwait(false) is not null)
            {
                return next;
            }
        }

        throw new TransientStorageException($"Could not update the processing record of {key}: too many concurrent writers.");
    }

    public Task PutProfileAsync(string dataset, string key, string runId, int index, DatasetProfile profile, CancellationToken cancellationToken)
        => kv.PutAsync(new KvItem(KvKeys.Dataset(dataset), KvKeys.PartProfile(key, runId, index), ProfileBinarySerializer.Serialize(profile)), KvWriteCondition.None, cancellationToken).AsTask();

    /// <summary>The parts' profiles merged into the object's profile (one object, however many parts).</summary>
    public async Task<ObjectProfile> MergeProfilesAsync(string dataset, LargeObjectRecord record, CancellationToken cancellationToken)
    {
        var merged = DatasetProfile.Empty;
        foreach (var part in record.Parts)
        {
            var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.PartProfile(record.Key, record.RunId, part.Index), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The profile of part {part.Index} of {record.Key} (run {record.RunId}) is missing.");
            merged = merged.Merge(ProfileBinarySerializer.Deserialize(item.Value.Span));
        }

        return new ObjectProfile(new DatasetProfile(merged.RowCount, 1, merged.Columns, merged.Conflicts));
    }

    public Task PutResultAsync(string dataset, string key, string runId, PartResult result, CancellationToken cancellationToken)
        => kv.PutAsync(new KvItem(KvKeys.Dataset(dataset), KvKeys.PartResult(key, runId, result.Index), JsonSerializer.SerializeToUtf8Bytes(result, CoreJsonContext.Readable.PartResult)), KvWriteCondition.None, cancellationToken).AsTask();

    public async Task<IReadOnlyList<PartResult>> GetResultsAsync(string dataset, LargeObjectRecord record, CancellationToken cancellationToken)
    {
        var results = new List<PartResult>(record.Parts.Count);
        foreach (var part in record.Parts)
        {
            var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.PartResult(record.Key, record.RunId, part.Index), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The result of part {part.Index} of {record.Key} (run {record.RunId}) is missing.");
            results.Add(JsonSerializer.Deserialize(item.Value.Span, CoreJsonContext.Readable.PartResult)!);
        }

        return results;
    }

    /// <summary>Stores a fit without making it the dataset's active one (it is the object's own, like a whole run's).</summary>
    public Task PutFitAsync(FitState fit, CancellationToken cancellationToken)
        => kv.PutAsync(new KvItem(KvKeys.Dataset(fit.Dataset), KvKeys.Fit(fit.Version), Encoding.UTF8.GetBytes(fit.ToJson())), KvWriteCondition.IfAbsent, cancellationToken).AsTask();

    /// <summary>Removes the parts' claims, profiles and results of a finished run (best effort: they are small).</summary>
    public async Task CleanUpAsync(string dataset, string key, string runId, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Dataset(dataset);
        var keys = new List<string>();
        await foreach (var item in kv.QueryAsync(pk, $"lpart#{key}#{runId}#", cancellationToken).ConfigureAwait(false))
        {
            keys.Add(item.SortKey);
        }

        foreach (var sk in keys)
        {
            await kv.DeleteAsync(pk, sk, cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] Serialize(LargeObjectRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, CoreJsonContext.Readable.LargeObjectRecord);

    private static LargeObjectRecord Deserialize(KvItem item)
        => JsonSerializer.Deserialize(item.Value.Span, CoreJsonContext.Readable.LargeObjectRecord)
           ?? throw new InvalidOperationException($"Large-object record {item.PartitionKey}/{item.SortKey} is empty.");
}
