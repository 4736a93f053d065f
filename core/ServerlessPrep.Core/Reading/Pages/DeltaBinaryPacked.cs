using System.Buffers.Binary;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Parquet's DELTA_BINARY_PACKED encoding (INT32/INT64 values, and the lengths of DELTA_LENGTH_BYTE_ARRAY): a header (block
/// size, miniblocks per block, value count, zigzag first value), then blocks of a zigzag minimum delta, one bit width per
/// miniblock and the bit-packed deltas. Arithmetic wraps as the format says; INT32 columns take the low 32 bits.
/// </summary>
internal static class DeltaBinaryPacked
{
    /// <summary>Decodes <paramref name="output"/>.Length values; null, or what is wrong. <paramref name="consumed"/>: the encoded length.</summary>
    public static string? Decode(ReadOnlySpan<byte> data, Span<long> output, out int consumed)
    {
        consumed = 0;
        var position = 0;
        if (Varint(data, ref position) is not { } blockSize || Varint(data, ref position) is not { } miniblocks
            || Varint(data, ref position) is not { } total || Varint(data, ref position) is not { } firstRaw)
        {
            return "the DELTA_BINARY_PACKED header is truncated";
        }

        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 20 || miniblocks == 0 || blockSize % miniblocks != 0
            || blockSize / miniblocks % 32 != 0)
        {
            return $"the DELTA_BINARY_PACKED header declares blocks of {blockSize} values in {miniblocks} miniblocks";
        }

        if (total < (ulong)output.Length)
        {
            return $"the DELTA_BINARY_PACKED data holds {total} values where {output.Length} are needed";
        }

        var perMiniblock = (int)(blockSize / miniblocks);
        var value = ZigZag(firstRaw);
        var written = 0;
        if (output.Length > 0)
        {
            output[written++] = value;
        }

        var remaining = (long)total - 1;
        while (remaining > 0)
        {
            if (Varint(data, ref position) is not { } minRaw || (long)miniblocks > data.Length - position)
            {
                return $"a DELTA_BINARY_PACKED block header is truncated after {written} values";
            }

            var minDelta = ZigZag(minRaw);
            var widths = data.Slice(position, (int)miniblocks);
            position += (int)miniblocks;
            for (var m = 0; m < (int)miniblocks && remaining > 0; m++)
            {
                var width = widths[m];
                if (width > 64)
                {
                    return $"a DELTA_BINARY_PACKED miniblock has bit width {width}";
                }

                var bytes = perMiniblock * width / 8;
                var inMiniblock = (int)Math.Min(perMiniblock, remaining);
                var available = Math.Min(bytes, data.Length - position);
                if (written < output.Length && (long)Math.Min(inMiniblock, output.Length - written) * width > (long)available * 8)
                {
                    return $"a DELTA_BINARY_PACKED miniblock runs past the end of the page after {written} values";
                }

                var miniblock = data.Slice(position, available);
                for (var i = 0; i < inMiniblock && written < output.Length; i++)
                {
                    value = unchecked(value + minDelta + (long)Read(miniblock, i * width, width));
                    output[written++] = value;
                }

                remaining -= inMiniblock;
                position += available;
            }
        }

        consumed = position;
        return null;
    }

    private static ulong Read(ReadOnlySpan<byte> data, long bit, int width)
    {
        if (width == 0)
        {
            return 0;
        }

        var index = (int)(bit >> 3);
        var shift = (int)(bit & 7);
        ulong low = 0;
        for (var b = Math.Min(7, data.Length - 1 - index); b >= 0; b--)
        {
            low = (low << 8) | data[index + b];
        }

        var result = low >> shift;
        if (width + shift > 64 && index + 8 < data.Length)
        {
            result |= (ulong)data[index + 8] << (64 - shift);
        }

        return width == 64 ? result : result & ((1UL << width) - 1);
    }

    private static ulong? Varint(ReadOnlySpan<byte> data, ref int position) => ThriftCompactCheck.ReadUnsignedVarint(data, ref position);

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
