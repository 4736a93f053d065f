using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Azure.Storage;

/// <summary><see cref="IObjectStore"/> over one Azure Blob container, optionally under a prefix.</summary>
public sealed class BlobObjectStore : IObjectStore
{
    /// <summary>Read-ahead of the seekable read stream: one ranged GET per 4 MiB.</summary>
    public const int ReadBufferSize = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly string _prefix;

    public BlobObjectStore(BlobContainerClient container, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _prefix = ObjectKeys.NormalizePrefix(prefix);
    }

    public string Uri => $"azblob://{_container.Name}/{_prefix}";

    public string ContainerName => _container.Name;

    public string Prefix => _prefix;

    public async ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await Blob(key).GetPropertiesAsync(cancellationToken: cancellationToken);
            var p = properties.Value;
            return new ObjectInfo(key, p.ContentLength, p.ETag.ToString(), p.LastModified, p.VersionId);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            // A blob that fits one read buffer is fetched whole by one GET: a complete version even when a writer races the
            // reader (a properties call followed by an ETag-pinned GET would fail with 412 in that race).
            var properties = await Blob(key).GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentLength <= ReadBufferSize)
            {
                var content = await Blob(key).DownloadContentAsync(cancellationToken);
                return new MemoryStream(content.Value.Content.ToArray(), writable: false);
            }

            // allowModifications: false pins the stream to the ETag it saw first, so a concurrent overwrite fails the read
            // instead of mixing two versions. The stream is seekable; each buffer refill is one ranged GET.
            var options = new BlobOpenReadOptions(allowModifications: false) { BufferSize = ReadBufferSize };
            return await Blob(key).OpenReadAsync(options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new FileNotFoundException($"No blob '{key}' in {Uri}.", key, ex);
        }
    }

    public async ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await Blob(key).UploadAsync(content, overwrite: true, cancellationToken);
    }

    public async ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            await Blob(key).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
        => await Blob(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SafeKey.ValidatePrefix(prefix);
        var pages = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix + prefix, cancellationToken);
        await foreach (var item in pages.WithCancellation(cancellationToken))
        {
            var p = item.Properties;
            yield return new ObjectInfo(item.Name[_prefix.Length..], p.ContentLength ?? 0, p.ETag?.ToString(), p.LastModified ?? DateTimeOffset.MinValue, item.VersionId);
        }
    }

    private BlobClient Blob(string key) => _container.GetBlobClient(_prefix + SafeKey.Validate(key));
}
