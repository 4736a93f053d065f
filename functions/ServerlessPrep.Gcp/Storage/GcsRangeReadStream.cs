using System.Net.Http.Headers;
using Google.Cloud.Storage.V1;

namespace ServerlessPrep.Gcp.Storage;

/// <summary>
/// A seekable, read-only view of one generation of a GCS object: each buffer refill is one ranged media download
/// (<c>Range: bytes=a-b</c>, <c>generation=g</c>), so Parquet footers and row groups are read without the whole object.
/// </summary>
internal sealed class GcsRangeReadStream : Stream
{
    public const int BufferSize = 4 * 1024 * 1024;

    private readonly StorageClient _client;
    private readonly string _bucket;
    private readonly string _name;
    private readonly long _generation;
    private readonly long _length;
    private byte[] _buffer = [];
    private long _bufferStart;
    private long _position;

    public GcsRangeReadStream(StorageClient client, string bucket, string name, long generation, long length)
    {
        _client = client;
        _bucket = bucket;
        _name = name;
        _generation = generation;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= _length || buffer.Length == 0)
        {
            return 0;
        }

        if (_position < _bufferStart || _position >= _bufferStart + _buffer.Length)
        {
            await FillAsync(_position, cancellationToken);
        }

        var available = (int)(_bufferStart + _buffer.Length - _position);
        var count = Math.Min(available, buffer.Length);
        _buffer.AsMemory((int)(_position - _bufferStart), count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => _length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async Task FillAsync(long start, CancellationToken cancellationToken)
    {
        var end = Math.Min(_length, start + BufferSize) - 1;
        using var destination = new MemoryStream((int)(end - start + 1));
        var options = new DownloadObjectOptions { Generation = _generation, Range = new RangeHeaderValue(start, end) };
        await _client.DownloadObjectAsync(_bucket, _name, destination, options, cancellationToken);
        _buffer = destination.ToArray();
        _bufferStart = start;
        if (_buffer.Length == 0)
        {
            throw new IOException($"gs://{_bucket}/{_name}#{_generation}: empty range {start}-{end} (object shorter than {_length} bytes?)");
        }
    }
}
