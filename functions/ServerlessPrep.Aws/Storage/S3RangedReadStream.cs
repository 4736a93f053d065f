using System.Buffers;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Aws.Storage;

/// <summary>
/// A read-only, seekable view of one S3 object version that fetches byte ranges on demand.
/// Small reads are served from a read-ahead buffer; a read near the end fetches the whole tail block at once
/// (so a Parquet footer costs one GET); reads at least as large as the buffer go straight into the caller's memory.
/// Every GET is pinned to the ETag seen at open, so a concurrent overwrite fails loudly instead of mixing versions.
/// </summary>
internal sealed class S3RangedReadStream : Stream
{
    private const int MaxBodyAttempts = 3;
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly string? _etag;
    private readonly int _readAhead;
    private byte[]? _buffer;
    private long _bufferStart;
    private int _bufferCount;
    private long _position;
    private bool _disposed;

    public S3RangedReadStream(IAmazonS3 client, string bucket, string key, long length, string? etag, int readAhead)
    {
        _client = client;
        _bucket = bucket;
        _key = key;
        Length = length;
        _etag = etag;
        _readAhead = readAhead;
    }

    /// <summary>Number of ranged GETs issued so far (for tests and diagnostics).</summary>
    public int RequestCount { get; private set; }

    /// <summary>Bytes downloaded so far.</summary>
    public long BytesFetched { get; private set; }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Sync callers (some readers still use Stream.Read) block on the ranged GET; Lambda has no synchronization context.
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = ReadAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_position >= Length || buffer.Length == 0)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, Length - _position);
        if (_buffer is not null && _position >= _bufferStart && _position < _bufferStart + _bufferCount)
        {
            return CopyFromBuffer(buffer.Span[..count]);
        }

        if (count >= _readAhead)
        {
            await FetchAsync(_position, buffer[..count], cancellationToken);
            _position += count;
            return count;
        }

        var start = _position + _readAhead > Length ? Math.Max(0, Length - _readAhead) : _position;
        var length = (int)Math.Min(_readAhead, Length - start);
        _buffer ??= new byte[_readAhead];
        _bufferCount = 0;
        await FetchAsync(start, _buffer.AsMemory(0, length), cancellationToken);
        _bufferStart = start;
        _bufferCount = length;
        return CopyFromBuffer(buffer.Span[..count]);
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _buffer = null;
        base.Dispose(disposing);
    }

    private int CopyFromBuffer(Span<byte> destination)
    {
        var offset = (int)(_position - _bufferStart);
        var n = Math.Min(destination.Length, _bufferCount - offset);
        _buffer.AsSpan(offset, n).CopyTo(destination);
        _position += n;
        return n;
    }

    private async Task FetchAsync(long start, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest
        {
            BucketName = _bucket,
            Key = _key,
            ByteRange = new ByteRange(start, start + destination.Length - 1),
            EtagToMatch = _etag,
        };

        // The SDK retries failed requests; a body cut off mid-transfer is retried here, a few times.
        for (var attempt = 1; ; attempt++)
        {
            RequestCount++;
            try
            {
                using var response = await _client.GetObjectAsync(request, cancellationToken);
                await response.ResponseStream.ReadExactlyAsync(destination, cancellationToken);
                BytesFetched += destination.Length;
                return;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                throw new ObjectChangedException($"s3://{_bucket}/{_key}", $"ETag {_etag} no longer matches", ex);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && attempt < MaxBodyAttempts && !cancellationToken.IsCancellationRequested)
            {
                // Connection reset or truncated body: ask again for the same range.
            }
        }
    }
}
