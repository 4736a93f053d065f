namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Walks the pages of one column chunk in file order: reads each header, then its body, decompressed into a buffer this
/// instance owns and reuses (a page is valid until the next one is read). Every size is checked against the chunk's bounds.
/// Faults are <see cref="InvalidDataException"/>s naming the byte offset; the caller adds the object, row group and column.
/// </summary>
internal sealed class ColumnChunkPages(Stream stream, PageDecompressor decompressor)
{
    private const int FirstHeaderRead = 256;
    private const int MaxHeaderBytes = 16 * 1024 * 1024;
    private const int MaxPageBytes = 1024 * 1024 * 1024;

    private byte[] _header = new byte[FirstHeaderRead];
    private Parquet.Meta.CompressionCodec _codec;
    private long _position;
    private long _bodyStart;
    private int _maxPageBytes = MaxPageBytes;
    private long _end;

    /// <summary>The current page's header.</summary>
    public PageHeader Header { get; private set; }

    /// <summary>Byte offset of the current page's header in the file, for messages.</summary>
    public long HeaderOffset { get; private set; }

    public bool HasMorePages => _position < _end;

    /// <param name="uncompressedLength">The chunk's declared uncompressed size: it bounds what a page header may ask us to allocate.</param>
    public void Begin(long start, long length, long uncompressedLength, Parquet.Meta.CompressionCodec codec)
    {
        if (start < 0 || length <= 0 || start > stream.Length || length > stream.Length - start)
        {
            throw new InvalidDataException($"the column chunk at byte {start} ({length} bytes) lies outside the file's {stream.Length} bytes");
        }

        (_position, _end, _codec) = (start, start + length, codec);
        _maxPageBytes = (int)Math.Min(MaxPageBytes, Math.Max(Math.Max(uncompressedLength, 16 * length), 1024 * 1024));
    }

    /// <summary>Reads the next page's header (<see cref="Header"/>); then read its body with <see cref="ReadBodyAsync"/> or <see cref="ReadStoredBodyAsync"/>.</summary>
    public async ValueTask NextHeaderAsync(CancellationToken cancellationToken)
    {
        HeaderOffset = _position;
        var (header, headerLength) = await ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        var bodyStart = _position + headerLength;
        if (header.CompressedSize > _end - bodyStart || header.UncompressedSize > _maxPageBytes)
        {
            throw new InvalidDataException(
                $"the page at byte {HeaderOffset} declares {header.CompressedSize} bytes ({header.UncompressedSize} uncompressed), more than the {_end - bodyStart} bytes left in its column chunk (at most {_maxPageBytes} uncompressed)");
        }

        var levels = header.Type == PageType.DataV2 ? header.DefinitionLevelsLength + (long)header.RepetitionLevelsLength : 0;
        if (levels < 0 || levels > header.CompressedSize || levels > header.UncompressedSize)
        {
            throw new InvalidDataException($"the data page v2 at byte {HeaderOffset} declares {levels} bytes of levels in a {header.CompressedSize}-byte page");
        }

        Header = header;
        _bodyStart = bodyStart;
        _position = bodyStart + header.CompressedSize;
    }

    /// <summary>Whether the current page's values are stored compressed with <paramref name="codec"/>.</summary>
    public bool ValuesCompressedWith(Parquet.Meta.CompressionCodec codec) =>
        _codec == codec && (Header.Type != PageType.DataV2 || Header.ValuesCompressed);

    /// <summary>The current page's body as stored (levels and values, compressed as they are) into <paramref name="stored"/>.</summary>
    public async ValueTask ReadStoredBodyAsync(PageBuffer stored, CancellationToken cancellationToken)
    {
        var bytes = stored.Ensure(Header.CompressedSize);
        await ReadAtAsync(_bodyStart, bytes.AsMemory(0, Header.CompressedSize), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current page's body (levels and values, decompressed) into <paramref name="body"/>, grown as needed.</summary>
    public async ValueTask ReadBodyAsync(PageBuffer body, CancellationToken cancellationToken)
    {
        var header = Header;
        var bodyStart = _bodyStart;
        if (header.Type == PageType.Index)
        {
            body.Length = 0;
            return;
        }

        var levels = header.Type == PageType.DataV2 ? header.DefinitionLevelsLength + header.RepetitionLevelsLength : 0;
        var target = body.Ensure(header.UncompressedSize);
        var compressed = header.Type != PageType.DataV2 || header.ValuesCompressed;
        if (_codec == Parquet.Meta.CompressionCodec.UNCOMPRESSED || !compressed)
        {
            if (header.CompressedSize != header.UncompressedSize)
            {
                throw new InvalidDataException(
                    $"the uncompressed page at byte {HeaderOffset} declares {header.CompressedSize} stored bytes but {header.UncompressedSize} uncompressed");
            }

            await ReadAtAsync(bodyStart, target.AsMemory(0, header.UncompressedSize), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Data page v2: the levels are never compressed; only the values after them are.
        var stored = header.CompressedSize - levels;
        var compressedBytes = decompressor.Scratch(stored);
        await ReadAtAsync(bodyStart, target.AsMemory(0, levels), cancellationToken).ConfigureAwait(false);
        await ReadAtAsync(bodyStart + levels, compressedBytes.AsMemory(0, stored), cancellationToken).ConfigureAwait(false);
        if (decompressor.Decompress(_codec, new ArraySegment<byte>(compressedBytes, 0, stored), target.AsSpan(levels, header.UncompressedSize - levels)) is { } error)
        {
            throw new InvalidDataException($"the page at byte {HeaderOffset}: {error}");
        }
    }

    private async ValueTask<(PageHeader Header, int Length)> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var want = (int)Math.Min(FirstHeaderRead, _end - _position);
        while (true)
        {
            if (_header.Length < want)
            {
                _header = new byte[want];
            }

            await ReadAtAsync(_position, _header.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
            var problem = PageHeaderParser.TryParse(_header.AsSpan(0, want), out var header, out var length);
            if (problem is null)
            {
                return (header, length);
            }

            var left = _end - _position;
            if (want >= left || want >= MaxHeaderBytes)
            {
                throw new InvalidDataException($"the page header at byte {_position} cannot be read: {problem}");
            }

            want = (int)Math.Min(Math.Min((long)want * 16, left), MaxHeaderBytes);
        }
    }

    private async ValueTask ReadAtAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        stream.Position = offset;
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}
