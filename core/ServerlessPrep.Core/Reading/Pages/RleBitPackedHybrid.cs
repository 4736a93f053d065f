using System.Buffers.Binary;
using System.Numerics;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices, RLE booleans): runs of one repeated value
/// and groups of 8 bit-packed values, LSB first. Every run is checked against the bytes it claims.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Decodes exactly <paramref name="output"/>.Length values of <paramref name="bitWidth"/> bits (truncated to <typeparamref name="T"/>); null, or what is wrong.</summary>
    public static string? Decode<T>(ReadOnlySpan<byte> data, int bitWidth, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (bitWidth is < 0 or > 32)
        {
            return $"bit width {bitWidth} is outside 0..32";
        }

        var position = 0;
        var written = 0;
        var byteWidth = (bitWidth + 7) / 8;
        while (written < output.Length)
        {
            if (ThriftCompactCheck.ReadUnsignedVarint(data, ref position) is not { } header || header > int.MaxValue)
            {
                return $"a run header is missing or malformed after {written} of {output.Length} values";
            }

            if ((header & 1) == 0)
            {
                var count = (int)(header >> 1);
                if (count == 0 || byteWidth > data.Length - position)
                {
                    return $"a repeated run at byte {position} is empty or runs past the {data.Length} bytes";
                }

                var value = 0;
                for (var b = 0; b < byteWidth; b++)
                {
                    value |= data[position + b] << (8 * b);
                }

                position += byteWidth;
                var take = Math.Min(count, output.Length - written);
                output.Slice(written, take).Fill(T.CreateTruncating(value));
                written += take;
            }
            else
            {
                var values = (long)(header >> 1) * 8;
                var take = (int)Math.Min(values, output.Length - written);
                var needed = (int)(((long)take * bitWidth + 7) / 8);
                if (values == 0 || needed > data.Length - position)
                {
                    return $"a bit-packed run of {values} values at byte {position} runs past the {data.Length} bytes";
                }

                Unpack(data.Slice(position, needed), bitWidth, output.Slice(written, take));
                position += (int)Math.Min((long)bitWidth * (values / 8), data.Length - position);
                written += take;
            }
        }

        return null;
    }

    private static void Unpack<T>(ReadOnlySpan<byte> data, int bitWidth, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        var mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        long bit = 0;
        for (var i = 0; i < output.Length; i++, bit += bitWidth)
        {
            var byteIndex = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            ulong word;
            if (byteIndex + 8 <= data.Length)
            {
                word = BinaryPrimitives.ReadUInt64LittleEndian(data[byteIndex..]);
            }
            else
            {
                word = 0;
                for (var b = data.Length - 1; b >= byteIndex; b--)
                {
                    word = (word << 8) | data[b];
                }
            }

            output[i] = T.CreateTruncating((word >> shift) & mask);
        }
    }
}
