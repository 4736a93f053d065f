using System.Globalization;
using System.Runtime.CompilerServices;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local;

/// <summary>
/// A thread-safe, process-local <see cref="IObjectStore"/> for unit tests of the core (no disk).
/// Same rules as <see cref="FileSystemObjectStore"/> for keys (<see cref="SafeKey"/>) and listing order (code point);
/// ETags come from a store-wide counter, so every write gets a new one. Objects are never modified in place:
/// an open stream keeps reading the content it was opened on.
/// </summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly SortedDictionary<string, Entry> _objects = new(CodePointComparer.Instance);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private long _lastVersion;

    /// <param name="timeProvider">The clock for <see cref="ObjectInfo.LastModified"/>; <see cref="TimeProvider.System"/> when null.</param>
    public InMemoryObjectStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Uri => "memory:";

    /// <summary>Number of objects, for assertions in tests.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _objects.Count;
            }
        }
    }

    public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        SafeKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(_objects.TryGetValue(key, out var entry) ? Describe(key, entry) : null);
        }
    }

    public ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        SafeKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_objects.TryGetValue(key, out var entry))
            {
                throw new FileNotFoundException($"Object \"{key}\" does not exist.", key);
            }

            return ValueTask.FromResult<Stream>(new MemoryStream(entry.Content, writable: false));
        }
    }

    public async ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        SafeKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        lock (_lock)
        {
            _objects[key] = NewEntry(bytes);
        }
    }

    public ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        SafeKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = content.ToArray();
        lock (_lock)
        {
            return ValueTask.FromResult(_objects.TryAdd(key, NewEntry(bytes)));
        }
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        SafeKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _objects.Remove(key);
        }

        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SafeKey.ValidatePrefix(prefix);
        List<ObjectInfo> snapshot;
        lock (_lock)
        {
            snapshot = _objects.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(pair => Describe(pair.Key, pair.Value)).ToList();
        }

        foreach (var info in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return info;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static ObjectInfo Describe(string key, Entry entry)
    {
        var version = entry.Version.ToString(CultureInfo.InvariantCulture);
        return new ObjectInfo(key, entry.Content.LongLength, "\"" + version + "\"", entry.LastModified, version);
    }

    // Called under the lock.
    private Entry NewEntry(byte[] content) => new(content, _timeProvider.GetUtcNow(), ++_lastVersion);

    private sealed record Entry(byte[] Content, DateTimeOffset LastModified, long Version);
}
