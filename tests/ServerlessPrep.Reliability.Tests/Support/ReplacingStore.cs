using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>A lake where a newer version of the object lands right after its first open: the reader-vs-writer race.</summary>
internal sealed class ReplacingStore(IObjectStore inner, byte[] newer) : IObjectStore
{
    private int _opens;

    public string Uri => inner.Uri;

    public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public async ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var stream = await inner.OpenReadAsync(key, cancellationToken);
        if (Interlocked.Increment(ref _opens) == 1)
        {
            using var content = new MemoryStream(newer);
            await inner.PutAsync(key, content, cancellationToken);
        }

        return stream;
    }

    public ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
