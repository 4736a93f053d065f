using System.IO.Compression;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Decompresses one page body with the chunk's codec into a buffer of exactly the declared size. The codecs are the libraries
/// Parquet.Net itself uses (Snappier, ZstdSharp, K4os LZ4) plus the runtime's gzip and Brotli. Hadoop-framed LZ4 and LZO are not
/// handled here: <see cref="IsSupported"/> is false and such chunks are read by Parquet.Net.
/// </summary>
internal sealed class PageDecompressor : IDisposable
{
    private ZstdSharp.Decompressor? _zstd;
    private byte[] _scratch = [];

    public static bool IsSupported(Parquet.Meta.CompressionCodec codec) => codec is Parquet.Meta.CompressionCodec.UNCOMPRESSED
        or Parquet.Meta.CompressionCodec.SNAPPY or Parquet.Meta.CompressionCodec.GZIP or Parquet.Meta.CompressionCodec.BROTLI
        or Parquet.Meta.CompressionCodec.ZSTD or Parquet.Meta.CompressionCodec.LZ4_RAW;

    /// <summary>Null, or what went wrong (the data is corrupt or its declared size is wrong).</summary>
    public string? Decompress(Parquet.Meta.CompressionCodec codec, ArraySegment<byte> source, Span<byte> target)
    {
        try
        {
            var written = codec switch
            {
                Parquet.Meta.CompressionCodec.UNCOMPRESSED => Copy(source, target),
                Parquet.Meta.CompressionCodec.SNAPPY => SnappyBlock.Decode(source, target),
                Parquet.Meta.CompressionCodec.GZIP => Gzip(source, target),
                Parquet.Meta.CompressionCodec.BROTLI => BrotliDecoder.TryDecompress(source, target, out var n) ? n : -1,
                Parquet.Meta.CompressionCodec.ZSTD => (_zstd ??= new ZstdSharp.Decompressor()).Unwrap(source, target),
                Parquet.Meta.CompressionCodec.LZ4_RAW => K4os.Compression.LZ4.LZ4Codec.Decode(source, target),
                _ => throw new NotSupportedException($"codec {codec}"),
            };
            return written == target.Length ? null : $"{codec} data decompressed to {written} bytes where the page header says {target.Length}";
        }
        catch (Exception e) when (ReadFaults.IsDataFault(e) && e is not NotSupportedException)
        {
            return $"{codec} data cannot be decompressed to the {target.Length} bytes the page header declares ({e.GetType().Name}: {e.Message})";
        }
    }

    /// <summary>A buffer of at least <paramref name="length"/> bytes for compressed page bytes, shared by every column of a reader.</summary>
    public byte[] Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new byte[PageBuffer.GrownSize(_scratch.Length, length)];
        }

        return _scratch;
    }

    public void Dispose() => _zstd?.Dispose();

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        if (source.Length != target.Length)
        {
            return source.Length;
        }

        source.CopyTo(target);
        return source.Length;
    }

    /// <summary>Reports one byte more than the target when the stream holds more than the header declares.</summary>
    private static int Gzip(ArraySegment<byte> source, Span<byte> target)
    {
        using var input = new MemoryStream(source.Array!, source.Offset, source.Count, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        var total = gzip.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
        return total == target.Length && gzip.ReadByte() >= 0 ? total + 1 : total;
    }
}
