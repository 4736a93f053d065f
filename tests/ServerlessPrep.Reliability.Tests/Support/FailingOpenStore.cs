using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>A lake whose first <paramref name="failures"/> opens throw a transient fault (throttling), then behave.</summary>
internal sealed class FailingOpenStore(IObjectStore inner, int failures) : IObjectStore
{
    private int _opens;

    public string Uri => inner.Uri;

    public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
        => Interlocked.Increment(ref _opens) <= failures
            ? throw new TransientStorageException($"injected throttling on open #{_opens} of {key}")
            : inner.OpenReadAsync(key, cancellationToken);

    public ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
