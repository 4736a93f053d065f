using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.ChaosWorker;

/// <summary>The real SQLite store, with kill points around processing-record writes and online-feature batches.</summary>
internal sealed class KillingKeyValueStore<TStore>(TStore inner, KillSwitch kill) : IKeyValueStore, IKeyValueBatch, IKeyValueOrderedWrite
    where TStore : IKeyValueStore, IKeyValueBatch, IKeyValueOrderedWrite
{
    private static readonly string ObjectPrefix = KvKeys.Object(string.Empty);

    public ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default) => inner.GetAsync(partitionKey, sortKey, cancellationToken);

    public async ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
    {
        var record = item.SortKey.StartsWith(ObjectPrefix, StringComparison.Ordinal);
        if (record)
        {
            kill.At(KillPoint.BeforeClaimWrite);
        }

        var token = await inner.PutAsync(item, condition, cancellationToken);
        if (record && token is not null && !item.ValueAsString.Contains($"\"{RecordStatus.InProgress}\"", StringComparison.Ordinal))
        {
            kill.At(KillPoint.AfterClaimFinish);
        }

        return token;
    }

    public IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", CancellationToken cancellationToken = default)
        => inner.QueryAsync(partitionKey, sortKeyPrefix, cancellationToken);

    public ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default) => inner.DeleteAsync(partitionKey, sortKey, cancellationToken);

    public ValueTask<IReadOnlyList<KvItem?>> GetManyAsync(IReadOnlyList<(string PartitionKey, string SortKey)> keys, CancellationToken cancellationToken = default)
        => inner.GetManyAsync(keys, cancellationToken);

    public ValueTask<IReadOnlyList<string?>> PutManyAsync(IReadOnlyList<KvConditionalPut> puts, CancellationToken cancellationToken = default)
    {
        kill.At(KillPoint.OnlineFeatureWrite);
        return inner.PutManyAsync(puts, cancellationToken);
    }

    public ValueTask<int> PutIfNewerManyAsync(IReadOnlyList<KvItem> items, CancellationToken cancellationToken = default)
    {
        kill.At(KillPoint.OnlineFeatureWrite);
        return inner.PutIfNewerManyAsync(items, cancellationToken);
    }
}
