using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Aws.Storage;

/// <summary>
/// <see cref="IObjectStore"/> over one S3 bucket and prefix. Reads are ranged and seekable, large puts are multipart,
/// put-if-absent uses <c>If-None-Match: *</c>. Transient faults are retried by the SDK; what remains propagates.
/// </summary>
internal sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _root;
    private readonly S3ObjectStoreOptions _options;

    public S3ObjectStore(IAmazonS3 client, string bucket, string? prefix = null, S3ObjectStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        _client = client;
        _bucket = bucket;
        _root = ObjectKeyGuard.NormalizeRoot(prefix);
        _options = options ?? new S3ObjectStoreOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
    }

    public string Uri => $"s3://{_bucket}/{_root}".TrimEnd('/');

    public async ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var fullKey = FullKey(key);
        try
        {
            var response = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = fullKey }, cancellationToken);
            return new ObjectInfo(key, response.ContentLength, response.ETag, ToOffset(response.LastModified), response.VersionId);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(key, cancellationToken)
            ?? throw new FileNotFoundException($"{Uri}/{key} does not exist.", key);
        return new S3RangedReadStream(_client, _bucket, FullKey(key), info.Size, info.ETag, _options.ReadAheadBytes);
    }

    public async ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var fullKey = FullKey(key);
        var partBytes = _options.MultipartPartBytes;

        // Small seekable content (profiles, manifests, lineage) needs no part-sized buffer.
        var firstSize = content.CanSeek ? (int)Math.Min(partBytes, Math.Max(0, content.Length - content.Position)) : partBytes;
        var first = ArrayPool<byte>.Shared.Rent(Math.Max(firstSize, 1));
        try
        {
            var filled = await content.ReadAtLeastAsync(first.AsMemory(0, firstSize), firstSize, throwOnEndOfStream: false, cancellationToken);
            if (filled < partBytes)
            {
                await _client.PutObjectAsync(NewPut(fullKey, first.AsMemory(0, filled)), cancellationToken);
                return;
            }

            await S3MultipartUpload.UploadAsync(_client, _bucket, fullKey, first.AsMemory(0, partBytes), content, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
        }
    }

    public async ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var request = NewPut(FullKey(key), content);
        request.IfNoneMatch = "*";
        try
        {
            await _client.PutObjectAsync(request, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed || IsConditionalConflict(ex))
        {
            // 412: the key exists. 409 ConditionalRequestConflict: a concurrent conditional write to the key is in flight;
            // either way another writer got there first and this one lost the race.
            return false;
        }
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = FullKey(key) }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleting a missing object is not an error.
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _root + SafeKey.ValidatePrefix(prefix), MaxKeys = _options.ListPageSize };
        do
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var o in response.S3Objects ?? [])
            {
                if (o.Key.StartsWith(_root, StringComparison.Ordinal))
                {
                    yield return new ObjectInfo(o.Key[_root.Length..], o.Size ?? 0, o.ETag, ToOffset(o.LastModified));
                }
            }

            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    /// <summary>
    /// Payloads are fully buffered, so the SDK signs them without aws-chunked framing
    /// (which some S3-compatible stores, s3rver among them, would store verbatim).
    /// </summary>
    private PutObjectRequest NewPut(string fullKey, ReadOnlyMemory<byte> content)
        => new()
        {
            BucketName = _bucket,
            Key = fullKey,
            InputStream = ReadOnlyStream(content),
            UseChunkEncoding = false,
            AutoCloseStream = true,
        };

    /// <summary>A stream over the caller's bytes without copying them (the SDK rewinds it on retries).</summary>
    internal static MemoryStream ReadOnlyStream(ReadOnlyMemory<byte> content)
        => MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    private string FullKey(string key) => _root + SafeKey.Validate(key);

    private static bool IsConditionalConflict(AmazonS3Exception ex)
        => ex.StatusCode == HttpStatusCode.Conflict && string.Equals(ex.ErrorCode, "ConditionalRequestConflict", StringComparison.Ordinal);

    private static DateTimeOffset ToOffset(DateTime? time)
        => time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : DateTimeOffset.UnixEpoch;
}
