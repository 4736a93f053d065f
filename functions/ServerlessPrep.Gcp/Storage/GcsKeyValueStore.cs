using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Google;
using Google.Cloud.Storage.V1;
using ServerlessPrep.Core.Storage;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace ServerlessPrep.Gcp.Storage;

/// <summary>
/// <see cref="IKeyValueStore"/> with one GCS object per item at <c>{prefix}{Encode(pk)}/{Encode(sk)}</c>
/// (<see cref="OrderedKeyEncoding"/>: no '/' inside a segment, order and prefixes kept, so listing by an encoded prefix is a prefix query); the object's
/// generation is the version token: IfAbsent uploads with <c>ifGenerationMatch=0</c>, IfVersion with
/// <c>ifGenerationMatch=token</c>. GCS has no TTL here: expired items read as absent and IfAbsent overwrites them.
/// </summary>
public sealed class GcsKeyValueStore : IKeyValueStore
{
    private const string ExpiresMetadata = "serverlessprep-expires";
    private readonly StorageClient _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly TimeProvider _time;

    public GcsKeyValueStore(StorageClient client, string bucket, string? prefix, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _bucket = bucket;
        _prefix = GcsObjectKeys.NormalizePrefix(prefix);
        _time = time;
    }

    public async ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        var obj = await GetMetadataAsync(Name(partitionKey, sortKey), cancellationToken);
        var item = obj is null ? null : await ReadAsync(obj, partitionKey, sortKey, cancellationToken);
        return item is null || IsExpired(item) ? null : item;
    }

    public async ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(condition);
        var name = Name(item.PartitionKey, item.SortKey);
        long? match = condition.Kind switch
        {
            KvWriteConditionKind.None => null,
            KvWriteConditionKind.IfAbsent => 0,
            _ => long.TryParse(condition.VersionToken, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : -1,
        };
        if (match == -1)
        {
            return null;
        }

        var written = await UploadAsync(name, item, match, cancellationToken);
        if (written is not null || condition.Kind != KvWriteConditionKind.IfAbsent)
        {
            return written;
        }

        // IfAbsent lost: the existing item may have expired, in which case it is replaced at its generation.
        var existing = await GetMetadataAsync(name, cancellationToken);
        return existing is not null && ExpiresAt(existing) is { } expires && expires <= _time.GetUtcNow()
            ? await UploadAsync(name, item, existing.Generation, cancellationToken)
            : null;
    }

    public async IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var partition = _prefix + OrderedKeyEncoding.Encode(partitionKey) + "/";
        var listOptions = new ListObjectsOptions { Projection = Projection.Full };
        await foreach (var obj in _client.ListObjectsAsync(_bucket, partition + OrderedKeyEncoding.Encode(sortKeyPrefix), listOptions).WithCancellation(cancellationToken))
        {
            var item = await ReadAsync(obj, partitionKey, OrderedKeyEncoding.Decode(obj.Name[partition.Length..]), cancellationToken);
            if (item is not null && !IsExpired(item))
            {
                yield return item;
            }
        }
    }

    public async ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.DeleteObjectAsync(_bucket, Name(partitionKey, sortKey), cancellationToken: cancellationToken);
        }
        catch (GoogleApiException ex) when (GcsErrors.IsNotFound(ex))
        {
            // Deleting a missing item is not an error.
        }
    }

    internal string Name(string partitionKey, string sortKey)
    {
        var name = _prefix + OrderedKeyEncoding.Encode(partitionKey) + "/" + OrderedKeyEncoding.Encode(sortKey);
        return Encoding.UTF8.GetByteCount(name) <= 1024
            ? name
            : throw new ArgumentException($"Item ({partitionKey}, {sortKey}) encodes to an object name over GCS's 1024-byte limit.", nameof(sortKey));
    }

    private async Task<string?> UploadAsync(string name, KvItem item, long? ifGenerationMatch, CancellationToken cancellationToken)
    {
        var destination = new GcsObject { Bucket = _bucket, Name = name, ContentType = "application/octet-stream" };
        if (item.ExpiresAt is { } expires)
        {
            destination.Metadata = new Dictionary<string, string> { [ExpiresMetadata] = expires.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) };
        }

        try
        {
            using var content = new MemoryStream(item.Value.ToArray(), writable: false);
            var written = await _client.UploadObjectAsync(destination, content, new UploadObjectOptions { IfGenerationMatch = ifGenerationMatch }, cancellationToken);
            return written.Generation?.ToString(CultureInfo.InvariantCulture);
        }
        catch (GoogleApiException ex) when (ifGenerationMatch is not null && (GcsErrors.IsPreconditionFailed(ex) || GcsErrors.IsNotFound(ex)))
        {
            return null;
        }
    }

    private async Task<GcsObject?> GetMetadataAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectAsync(_bucket, name, cancellationToken: cancellationToken);
        }
        catch (GoogleApiException ex) when (GcsErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>The content of exactly the listed generation; <c>null</c> when that generation is gone (replaced or deleted since).</summary>
    private async Task<KvItem?> ReadAsync(GcsObject obj, string partitionKey, string sortKey, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        try
        {
            await _client.DownloadObjectAsync(_bucket, obj.Name, content, new DownloadObjectOptions { Generation = obj.Generation }, cancellationToken);
        }
        catch (GoogleApiException ex) when (GcsErrors.IsNotFound(ex))
        {
            return null;
        }

        return new KvItem(partitionKey, sortKey, content.ToArray(), obj.Generation?.ToString(CultureInfo.InvariantCulture), ExpiresAt(obj));
    }

    private static DateTimeOffset? ExpiresAt(GcsObject obj)
        => obj.Metadata is not null && obj.Metadata.TryGetValue(ExpiresMetadata, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires) ? expires : null;

    private bool IsExpired(KvItem item) => item.ExpiresAt is { } expires && expires <= _time.GetUtcNow();
}
