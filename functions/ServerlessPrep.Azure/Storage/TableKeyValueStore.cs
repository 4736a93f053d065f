using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Azure.Storage;

/// <summary>
/// <see cref="IKeyValueStore"/> over one Azure Table. Keys are encoded with <see cref="OrderedKeyEncoding"/>, values are
/// split by <see cref="TableValueCodec"/>, the version token is the entity's ETag. Table storage has no TTL: expired
/// items read as absent and are overwritten by an <see cref="KvWriteCondition.IfAbsent"/> put.
/// </summary>
public sealed class TableKeyValueStore : IKeyValueStore
{
    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public TableKeyValueStore(TableClient table, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(time);
        _table = table;
        _time = time;
    }

    public string Uri => $"aztable://{_table.Name}";

    public async ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        var item = await GetRawAsync(partitionKey, sortKey, cancellationToken);
        return item is null || TableValueCodec.IsExpired(item, _time.GetUtcNow()) ? null : item;
    }

    public async ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(condition);
        var entity = TableValueCodec.ToEntity(item);
        if (condition.Kind == KvWriteConditionKind.IfVersion && !await IsLiveVersionAsync(item, condition.VersionToken!, cancellationToken))
        {
            return null;
        }

        try
        {
            Response response = condition.Kind switch
            {
                KvWriteConditionKind.None => await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken),
                KvWriteConditionKind.IfAbsent => await _table.AddEntityAsync(entity, cancellationToken),
                KvWriteConditionKind.IfVersion => await _table.UpdateEntityAsync(entity, new ETag(condition.VersionToken!), TableUpdateMode.Replace, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Kind, "Unknown write condition."),
            };
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (condition.Kind == KvWriteConditionKind.IfAbsent && ex.Status == 409)
        {
            return await ReplaceIfExpiredAsync(item, entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (condition.Kind == KvWriteConditionKind.IfVersion && ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sortKeyPrefix);
        var filter = Filter(TableValueCodec.Key(partitionKey), TableValueCodec.Key(sortKeyPrefix));
        var now = _time.GetUtcNow();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).WithCancellation(cancellationToken))
        {
            var item = TableValueCodec.ToItem(entity);
            if (!TableValueCodec.IsExpired(item, now))
            {
                yield return item;
            }
        }
    }

    public async ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        // Deleting a missing entity returns 404, which DeleteEntityAsync already treats as success.
        await _table.DeleteEntityAsync(TableValueCodec.Key(partitionKey), TableValueCodec.Key(sortKey), ETag.All, cancellationToken);
    }

    /// <summary>An OData filter string (not LINQ, which fails under trimming/AOT): partition equality plus a RowKey range.</summary>
    internal static string Filter(string encodedPartition, string encodedPrefix)
    {
        if (encodedPrefix.Length == 0)
        {
            return TableClient.CreateQueryFilter($"PartitionKey eq {encodedPartition}");
        }

        var upper = OrderedKeyEncoding.PrefixUpperBound(encodedPrefix);
        return upper is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {encodedPartition} and RowKey ge {encodedPrefix}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {encodedPartition} and RowKey ge {encodedPrefix} and RowKey lt {upper}");
    }

    private async ValueTask<KvItem?> GetRawAsync(string partitionKey, string sortKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableValueCodec.Key(partitionKey), TableValueCodec.Key(sortKey), cancellationToken: cancellationToken);
        return response.HasValue ? TableValueCodec.ToItem(response.Value!) : null;
    }

    /// <summary>
    /// Whether <paramref name="token"/> is the ETag of the item as it stands and the item has not expired. Tables would take
    /// an expired item's ETag, and refuse a token that is not an ETag at all (400) instead of failing the condition.
    /// </summary>
    private async ValueTask<bool> IsLiveVersionAsync(KvItem item, string token, CancellationToken cancellationToken)
    {
        var existing = await GetRawAsync(item.PartitionKey, item.SortKey, cancellationToken);
        return existing is not null
            && !TableValueCodec.IsExpired(existing, _time.GetUtcNow())
            && string.Equals(existing.VersionToken, token, StringComparison.Ordinal);
    }

    private async ValueTask<string?> ReplaceIfExpiredAsync(KvItem item, TableEntity entity, CancellationToken cancellationToken)
    {
        var existing = await GetRawAsync(item.PartitionKey, item.SortKey, cancellationToken);
        if (existing is not null && !TableValueCodec.IsExpired(existing, _time.GetUtcNow()))
        {
            return null;
        }

        try
        {
            // Deleted since the 409: add again; expired: replace exactly the expired version.
            var response = existing is null
                ? await _table.AddEntityAsync(entity, cancellationToken)
                : await _table.UpdateEntityAsync(entity, new ETag(existing.VersionToken!), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return null;
        }
    }
}
