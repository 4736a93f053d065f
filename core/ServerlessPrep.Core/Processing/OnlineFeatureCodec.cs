using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The value of an online feature item, format 2 (binary):
/// <list type="table">
/// <item><term>[0, 8)</term><description>event time, µs since the Unix epoch, int64 big-endian — where format 1 had it too, so "newer wins" compares across formats</description></item>
/// <item><term>[8]</term><description>format, 2 (format 1 has <c>{</c> here: a JSON document follows)</description></item>
/// <item><term>[9, 17)</term><description>feature view id, uint64 little-endian: XxHash64 of the feature names, which are stored once in <see cref="KvKeys.FeatureView"/></description></item>
/// <item><term>[17, 21)</term><description>feature count F, int32 little-endian</description></item>
/// <item><term>[21, 25)</term><description>source length S, int32 little-endian, then S bytes: the object key, UTF-8</description></item>
/// <item><term>then</term><description>null bitmap, ⌈F/8⌉ bytes, bit i (LSB first) set when feature i is null</description></item>
/// <item><term>then</term><description>F float64 little-endian (0 where null; NaN and ±∞ are values)</description></item>
/// </list>
/// </summary>
internal static class OnlineFeatureCodec
{
    public const byte JsonFormat = (byte)'{';
    public const byte BinaryFormat = 2;
    private const int FixedHeader = 25;

    public static ulong ViewId(IReadOnlyList<string> names)
    {
        var hash = new XxHash64();
        Span<byte> length = stackalloc byte[4];
        foreach (var name in names)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.Append(length);
            hash.Append(bytes);
        }

        return hash.GetCurrentHashAsUInt64();
    }

    public static byte[] EncodeView(IReadOnlyList<string> names)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("features");
            foreach (var name in names)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string[] DecodeView(ReadOnlySpan<byte> value)
    {
        using var document = JsonDocument.Parse(value.ToArray());
        return document.RootElement.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    public static int Size(int features, int sourceBytes) => FixedHeader + sourceBytes + (features + 7) / 8 + 8 * features;

    /// <summary>Encodes one row: <paramref name="nulls"/> holds one bit per feature (LSB first, 64 per word).</summary>
    public static byte[] Encode(long eventTime, ulong viewId, ReadOnlySpan<byte> source, ReadOnlySpan<double> values, ReadOnlySpan<ulong> nulls)
    {
        var f = values.Length;
        var bytes = new byte[Size(f, source.Length)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span, eventTime);
        span[8] = BinaryFormat;
        BinaryPrimitives.WriteUInt64LittleEndian(span[9..], viewId);
        BinaryPrimitives.WriteInt32LittleEndian(span[17..], f);
        BinaryPrimitives.WriteInt32LittleEndian(span[21..], source.Length);
        source.CopyTo(span[FixedHeader..]);
        var bitmap = span.Slice(FixedHeader + source.Length, (f + 7) / 8);
        for (var j = 0; j < bitmap.Length; j++)
        {
            bitmap[j] = (byte)(nulls[j >> 3] >> ((j & 7) * 8));
        }

        var packed = span[(FixedHeader + source.Length + bitmap.Length)..];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(packed);
        }
        else
        {
            for (var i = 0; i < f; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(packed[(8 * i)..], values[i]);
            }
        }

        return bytes;
    }

    public static long EventTime(ReadOnlySpan<byte> value) => value.Length >= 8 ? BinaryPrimitives.ReadInt64BigEndian(value) : long.MinValue;

    /// <summary>The format byte, or 0 when the value is too short to have one.</summary>
    public static byte Format(ReadOnlySpan<byte> value) => value.Length > 8 ? value[8] : (byte)0;

    public static ulong ViewIdOf(ReadOnlySpan<byte> value) => BinaryPrimitives.ReadUInt64LittleEndian(value[9..]);

    /// <summary>Decodes a format-2 value; <paramref name="names"/> are its feature view's names.</summary>
    public static (string Source, double?[] Values) DecodeBinary(ReadOnlySpan<byte> value, IReadOnlyList<string> names)
    {
        var f = BinaryPrimitives.ReadInt32LittleEndian(value[17..]);
        var s = BinaryPrimitives.ReadInt32LittleEndian(value[21..]);
        if (f != names.Count || f < 0 || s < 0 || value.Length != Size(f, s))
        {
            throw new InvalidDataException($"Online feature item is corrupt: {value.Length} bytes for {f} features (its feature view names {names.Count}).");
        }

        var source = Encoding.UTF8.GetString(value.Slice(FixedHeader, s));
        var bitmap = value.Slice(FixedHeader + s, (f + 7) / 8);
        var packed = value[(FixedHeader + s + bitmap.Length)..];
        var result = new double?[f];
        for (var i = 0; i < f; i++)
        {
            result[i] = (bitmap[i >> 3] & (1 << (i & 7))) != 0 ? null : BinaryPrimitives.ReadDoubleLittleEndian(packed[(8 * i)..]);
        }

        return (source, result);
    }

    /// <summary>Decodes a format-1 value (event time, then <c>{"eventTime","source","features":{name: number|null}}</c>).</summary>
    public static (string Source, string[] Names, double?[] Values) DecodeJson(ReadOnlySpan<byte> value)
    {
        using var document = JsonDocument.Parse(value[8..].ToArray());
        var root = document.RootElement;
        var features = root.GetProperty("features").EnumerateObject().ToList();
        return (root.GetProperty("source").GetString() ?? string.Empty,
            features.Select(p => p.Name).ToArray(),
            features.Select(p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : (double?)null).ToArray());
    }
}
