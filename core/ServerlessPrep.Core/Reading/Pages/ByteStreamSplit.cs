using System.Buffers.Binary;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>Parquet's BYTE_STREAM_SPLIT encoding of fixed-width values (FLOAT, DOUBLE, INT32, INT64).</summary>
internal static class ByteStreamSplit
{
    /// <summary>BYTE_STREAM_SPLIT: byte k of value i is at k * count + i.</summary>
    public static string? Decode(ReadOnlySpan<byte> data, int width, Span<long> output)
    {
        var count = output.Length;
        if ((long)count * width > data.Length)
        {
            return $"BYTE_STREAM_SPLIT data of {data.Length} bytes is too short for {count} values of {width} bytes";
        }

        Span<byte> value = stackalloc byte[8];
        for (var i = 0; i < count; i++)
        {
            value.Clear();
            for (var k = 0; k < width; k++)
            {
                value[k] = data[(k * count) + i];
            }

            output[i] = width == 4 ? BinaryPrimitives.ReadInt32LittleEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
        }

        return null;
    }
}
