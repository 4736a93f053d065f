using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>A lake whose opened streams throw <paramref name="fault"/> on every read after the first <paramref name="readsBeforeFault"/>.</summary>
internal sealed class ThrowingReadStore(IObjectStore inner, int readsBeforeFault, Func<Exception> fault) : IObjectStore
{
    public string Uri => inner.Uri;

    public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public async ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
        => new ThrowingStream(await inner.OpenReadAsync(key, cancellationToken), readsBeforeFault, fault);

    public ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
