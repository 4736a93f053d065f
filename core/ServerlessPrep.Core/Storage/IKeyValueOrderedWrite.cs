namespace ServerlessPrep.Core.Storage;

/// <summary>
/// Optional capability of a key-value store: "newer wins" writes judged by the store itself, without a read first. Every value
/// starts with an 8-byte big-endian signed order key (the online features' event time); an item is written when no live item
/// exists under its key, or when the stored value's order key is strictly smaller (or the stored value is shorter than 8 bytes).
/// Each write is one atomic conditional statement, so concurrent writers can never replace a newer value with an older one.
/// Callers fall back to reads plus <see cref="KvWriteCondition"/> writes when a store does not offer it.
/// </summary>
public interface IKeyValueOrderedWrite
{
    /// <summary>Writes each item whose order key is newer than the stored one's; returns how many were written.</summary>
    /// <exception cref="ArgumentException">A value is shorter than 8 bytes.</exception>
    ValueTask<int> PutIfNewerManyAsync(IReadOnlyList<KvItem> items, CancellationToken cancellationToken = default);
}
