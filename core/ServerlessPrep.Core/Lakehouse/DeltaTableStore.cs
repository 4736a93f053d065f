using System.Text.Json;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// The key-value side of Delta tables: the table lease (one worker applies a table's commits at a time, taken over when it
/// expires), the applied version, and the file and commit records. Every state write is conditional on the version we read.
/// </summary>
internal sealed class DeltaTableStore(IKeyValueStore kv, TimeProvider time)
{
    private const int RaceRetries = 5;

    /// <summary>Takes the table's lease for <paramref name="runId"/>; returns the state and its token, or (state, null) when another run holds it.</summary>
    public async Task<(DeltaTableState State, string? Token)> TryLeaseAsync(string tableRoot, string runId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var pk = DeltaKvKeys.Table(tableRoot);
        for (var attempt = 0; attempt < RaceRetries; attempt++)
        {
            var now = time.GetUtcNow();
            var item = await kv.GetAsync(pk, DeltaKvKeys.State, cancellationToken).ConfigureAwait(false);
            var state = item is null ? new DeltaTableState { TableRoot = tableRoot } : Read(item.Value, LakehouseJsonContext.Readable.DeltaTableState);
            if (state.LeaseRunId is not null && state.LeaseRunId != runId && state.LeaseUntil > now)
            {
                return (state, null);
            }

            var leased = state with { LeaseRunId = runId, LeaseUntil = now + lease, UpdatedAt = now };
            var condition = item is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(item.VersionToken!);
            var token = await kv.PutAsync(new KvItem(pk, DeltaKvKeys.State, Write(leased, LakehouseJsonContext.Readable.DeltaTableState)), condition, cancellationToken).ConfigureAwait(false);
            if (token is not null)
            {
                return (leased, token);
            }
        }

        return (new DeltaTableState { TableRoot = tableRoot, LeaseRunId = "(unknown)" }, null);
    }

    /// <summary>Writes the new state if we still hold the lease; returns the new token, or null when the lease was taken over.</summary>
    public async Task<string?> UpdateAsync(DeltaTableState state, string token, CancellationToken cancellationToken)
    {
        var item = new KvItem(DeltaKvKeys.Table(state.TableRoot), DeltaKvKeys.State, Write(state with { UpdatedAt = time.GetUtcNow() }, LakehouseJsonContext.Readable.DeltaTableState));
        return await kv.PutAsync(item, KvWriteCondition.IfVersion(token), cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeltaFileRecord?> GetFileAsync(string tableRoot, string key, CancellationToken cancellationToken)
    {
        var item = await kv.GetAsync(DeltaKvKeys.Table(tableRoot), DeltaKvKeys.File(key), cancellationToken).ConfigureAwait(false);
        return item is null ? null : Read(item.Value, LakehouseJsonContext.Readable.DeltaFileRecord);
    }

    public async Task PutFileAsync(string tableRoot, DeltaFileRecord file, CancellationToken cancellationToken)
        => await kv.PutAsync(new KvItem(DeltaKvKeys.Table(tableRoot), DeltaKvKeys.File(file.Key), Write(file, LakehouseJsonContext.Readable.DeltaFileRecord)), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);

    public async Task PutCommitAsync(DeltaCommitRecord commit, byte[] json, CancellationToken cancellationToken)
        => await kv.PutAsync(new KvItem(DeltaKvKeys.Table(commit.Table), DeltaKvKeys.Commit(commit.Version), json), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);

    public async Task<DeltaCommitRecord?> GetCommitAsync(string tableRoot, long version, CancellationToken cancellationToken)
    {
        var item = await kv.GetAsync(DeltaKvKeys.Table(tableRoot), DeltaKvKeys.Commit(version), cancellationToken).ConfigureAwait(false);
        return item is null ? null : Read(item.Value, LakehouseJsonContext.Readable.DeltaCommitRecord);
    }

    public async Task<DeltaTableState?> GetStateAsync(string tableRoot, CancellationToken cancellationToken)
    {
        var item = await kv.GetAsync(DeltaKvKeys.Table(tableRoot), DeltaKvKeys.State, cancellationToken).ConfigureAwait(false);
        return item is null ? null : Read(item.Value, LakehouseJsonContext.Readable.DeltaTableState);
    }

    internal static byte[] Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private static T Read<T>(ReadOnlyMemory<byte> bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        => JsonSerializer.Deserialize(bytes.Span, type) ?? throw new InvalidOperationException($"Empty {typeof(T).Name} in the key-value store.");
}
