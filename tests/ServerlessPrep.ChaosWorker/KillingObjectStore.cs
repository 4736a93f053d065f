using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.ChaosWorker;

/// <summary>The real object store, with kill points around reads, output writes and the manifest (the commit point).</summary>
internal sealed class KillingObjectStore(IObjectStore inner, KillSwitch kill) : IObjectStore
{
    public string Uri => inner.Uri;

    public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public async ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
        => new KillingReadStream(await inner.OpenReadAsync(key, cancellationToken), kill);

    public async ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var manifest = key.StartsWith("_manifests/", StringComparison.Ordinal);
        if (manifest)
        {
            kill.At(KillPoint.BeforeManifest);
        }

        await inner.PutAsync(key, content, cancellationToken);
        kill.At(manifest ? KillPoint.AfterManifest : KillPoint.AfterOutputWrite);
    }

    public ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
}
