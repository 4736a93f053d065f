namespace ServerlessPrep.Core.Storage;

/// <summary>
/// Port to a single-table key-value store (SQLite locally, DynamoDB, Azure Table storage) with conditional writes.
/// Items are addressed by (partition key, sort key); sort keys within a partition are returned in ordinal order.
/// </summary>
public interface IKeyValueStore
{
    ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the item if <paramref name="condition"/> holds. Returns the item's new version token,
    /// or <c>null</c> when the condition failed (nothing was written).
    /// </summary>
    ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default);

    /// <summary>Items of one partition whose sort key starts with <paramref name="sortKeyPrefix"/>, in sort key order.</summary>
    IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", CancellationToken cancellationToken = default);

    /// <summary>Deletes an item; deleting a missing item is not an error.</summary>
    ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default);
}
