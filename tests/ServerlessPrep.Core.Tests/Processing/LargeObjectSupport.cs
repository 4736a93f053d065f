using System.Collections.Concurrent;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Tests.Processing;

/// <summary>A work queue stand-in: keeps the part events a processor sends, for the test to deliver in any order.</summary>
internal sealed class RecordingPartDispatcher : IPartDispatcher
{
    public ConcurrentQueue<ObjectCreated> Sent { get; } = new();

    public bool RunsInProcess => false;

    public string Target => "test-queue";

    public Task DispatchAsync(IReadOnlyList<ObjectCreated> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            Sent.Enqueue(part);
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes everything sent so far.</summary>
    public List<ObjectCreated> Drain()
    {
        var taken = new List<ObjectCreated>();
        while (Sent.TryDequeue(out var part))
        {
            taken.Add(part);
        }

        return taken;
    }
}

/// <summary>An output store that counts writes per key (to prove a commit happened exactly once).</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    public ConcurrentDictionary<string, int> Puts { get; } = new(StringComparer.Ordinal);

    public string Uri => inner.Uri;

    public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        Puts.AddOrUpdate(key, 1, (_, n) => n + 1);
        return inner.PutAsync(key, content, cancellationToken);
    }

    public ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
