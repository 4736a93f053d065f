namespace ServerlessPrep.Core.Storage;

/// <summary>One conditional write of a batch.</summary>
public readonly record struct KvConditionalPut(KvItem Item, KvWriteCondition Condition);

/// <summary>
/// Optional capability of a key-value store: many reads or conditional writes in one round trip or transaction. Each write is still
/// judged on its own condition (a failed condition does not fail the others). Callers fall back to single operations when a
/// store does not offer it.
/// </summary>
public interface IKeyValueBatch
{
    ValueTask<IReadOnlyList<KvItem?>> GetManyAsync(IReadOnlyList<(string PartitionKey, string SortKey)> keys, CancellationToken cancellationToken = default);

    /// <summary>Returns, per write and in order, the new version token or null when its condition failed.</summary>
    ValueTask<IReadOnlyList<string?>> PutManyAsync(IReadOnlyList<KvConditionalPut> puts, CancellationToken cancellationToken = default);
}
