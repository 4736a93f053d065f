using System.Runtime.CompilerServices;
using Google;
using Google.Cloud.Storage.V1;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Gcp.Storage;

/// <summary>
/// <see cref="IObjectStore"/> over one GCS bucket, optionally under a prefix. Reads are ranged and pinned to the
/// generation seen when opening; put-if-absent is an upload with <c>ifGenerationMatch=0</c>.
/// </summary>
public sealed class GcsObjectStore : IObjectStore
{
    private readonly StorageClient _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public GcsObjectStore(StorageClient client, string bucket, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _client = client;
        _bucket = bucket;
        _prefix = GcsObjectKeys.NormalizePrefix(prefix);
    }

    public string Uri => $"gs://{_bucket}/{_prefix}";

    public async ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var obj = await _client.GetObjectAsync(_bucket, Name(key), cancellationToken: cancellationToken);
            return ToInfo(obj, key);
        }
        catch (GoogleApiException ex) when (GcsErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    public async ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(key, cancellationToken) ?? throw new FileNotFoundException($"No object '{key}' in {Uri}.", key);
        return new GcsRangeReadStream(_client, _bucket, Name(key), long.Parse(info.Version!, System.Globalization.CultureInfo.InvariantCulture), info.Size);
    }

    public async ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await _client.UploadObjectAsync(_bucket, Name(key), "application/octet-stream", content, cancellationToken: cancellationToken);
    }

    public async ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            await _client.UploadObjectAsync(_bucket, Name(key), "application/octet-stream", stream, new UploadObjectOptions { IfGenerationMatch = 0 }, cancellationToken);
            return true;
        }
        catch (GoogleApiException ex) when (GcsErrors.IsPreconditionFailed(ex))
        {
            return false;
        }
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.DeleteObjectAsync(_bucket, Name(key), cancellationToken: cancellationToken);
        }
        catch (GoogleApiException ex) when (GcsErrors.IsNotFound(ex))
        {
            // Deleting a missing object is not an error.
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        GcsObjectKeys.Validate(prefix, allowEmpty: true);
        await foreach (var obj in _client.ListObjectsAsync(_bucket, _prefix + prefix).WithCancellation(cancellationToken))
        {
            yield return ToInfo(obj, obj.Name[_prefix.Length..]);
        }
    }

    private static ObjectInfo ToInfo(Google.Apis.Storage.v1.Data.Object obj, string key)
        => new(key, (long)(obj.Size ?? 0), obj.ETag, obj.UpdatedDateTimeOffset ?? DateTimeOffset.MinValue, obj.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string Name(string key) => _prefix + GcsObjectKeys.Validate(key);
}
