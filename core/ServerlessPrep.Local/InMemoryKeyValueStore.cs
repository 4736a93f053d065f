using System.Globalization;
using System.Runtime.CompilerServices;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local;

/// <summary>
/// A thread-safe, process-local <see cref="IKeyValueStore"/> for unit tests and one-shot runs.
/// Same semantics as <see cref="SqliteKeyValueStore"/>: version tokens come from one store-wide counter (never reused),
/// expired items are absent, and sort keys are in code-point (UTF-8 byte) order.
/// </summary>
public sealed class InMemoryKeyValueStore : IKeyValueStore
{
    private readonly Dictionary<string, SortedDictionary<string, KvItem>> _partitions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private long _lastVersion;

    /// <param name="timeProvider">The clock that decides expiry; <see cref="TimeProvider.System"/> when null.</param>
    public InMemoryKeyValueStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Number of live (unexpired) items, for assertions in tests.</summary>
    public int Count
    {
        get
        {
            var now = _timeProvider.GetUtcNow();
            lock (_lock)
            {
                return _partitions.Values.Sum(partition => partition.Values.Count(item => IsAlive(item, now)));
            }
        }
    }

    public ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(sortKey);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            return ValueTask.FromResult(Find(partitionKey, sortKey, now));
        }
    }

    public ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(item.PartitionKey, nameof(item));
        ArgumentNullException.ThrowIfNull(item.SortKey, nameof(item));
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            var current = Find(item.PartitionKey, item.SortKey, now);
            var allowed = condition.Kind switch
            {
                KvWriteConditionKind.None => true,
                KvWriteConditionKind.IfAbsent => current is null,
                KvWriteConditionKind.IfVersion => current is not null && string.Equals(current.VersionToken, condition.VersionToken, StringComparison.Ordinal),
                _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Kind, "Unknown write condition."),
            };
            if (!allowed)
            {
                return ValueTask.FromResult<string?>(null);
            }

            var version = (++_lastVersion).ToString(CultureInfo.InvariantCulture);
            if (!_partitions.TryGetValue(item.PartitionKey, out var partition))
            {
                partition = new SortedDictionary<string, KvItem>(CodePointComparer.Instance);
                _partitions.Add(item.PartitionKey, partition);
            }

            // Copy the value: the caller may reuse its buffer.
            partition[item.SortKey] = item with { Value = item.Value.ToArray(), VersionToken = version };
            return ValueTask.FromResult<string?>(version);
        }
    }

    public async IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(sortKeyPrefix);
        var now = _timeProvider.GetUtcNow();
        List<KvItem> snapshot;
        lock (_lock)
        {
            snapshot = _partitions.TryGetValue(partitionKey, out var partition)
                ? partition.Values.Where(item => item.SortKey.StartsWith(sortKeyPrefix, StringComparison.Ordinal) && IsAlive(item, now)).ToList()
                : [];
        }

        foreach (var item in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(sortKey);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_partitions.TryGetValue(partitionKey, out var partition) && partition.Remove(sortKey) && partition.Count == 0)
            {
                _partitions.Remove(partitionKey);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsAlive(KvItem item, DateTimeOffset now) => item.ExpiresAt is not { } expires || expires >= now;

    private KvItem? Find(string partitionKey, string sortKey, DateTimeOffset now)
        => _partitions.TryGetValue(partitionKey, out var partition) && partition.TryGetValue(sortKey, out var item) && IsAlive(item, now) ? item : null;
}
