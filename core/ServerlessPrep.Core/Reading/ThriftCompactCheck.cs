namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Walks a Thrift compact-protocol struct (the Parquet footer) without building it, and reports the first thing that cannot be
/// right: a list, map or binary longer than the bytes left, a varint over 10 bytes, nesting deeper than <see cref="MaxDepth"/>,
/// an unknown type, or a struct that runs past the end. Parquet.Net's footer decoder trusts declared sizes (a mutated list size
/// made it loop for minutes), so a footer is checked by this walk first; each step consumes at least one byte, so the walk is
/// linear in the footer's length.
/// </summary>
internal static class ThriftCompactCheck
{
    public const int MaxDepth = 64;

    private const byte Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12, Uuid = 13;

    /// <summary>Null when <paramref name="data"/> starts with a well-formed struct, else what is wrong and at which byte.</summary>
    public static string? Validate(ReadOnlySpan<byte> data) => Validate(data, out _);

    /// <summary>As <see cref="Validate(ReadOnlySpan{byte})"/>, and gives the struct's length in bytes when it is well formed.</summary>
    public static string? Validate(ReadOnlySpan<byte> data, out int length)
    {
        var position = 0;
        var error = SkipStruct(data, ref position, 1);
        length = error is null ? position : 0;
        return error;
    }

    /// <summary>Skips one value of a Thrift compact <paramref name="type"/> (a field's type nibble) in data already validated.</summary>
    public static string? Skip(ReadOnlySpan<byte> data, ref int position, byte type) => SkipValue(data, ref position, type, 1);

    /// <summary>Reads an unsigned varint; <c>null</c> when it is malformed or runs past the end.</summary>
    public static ulong? ReadUnsignedVarint(ReadOnlySpan<byte> data, ref int position) => ReadVarint(data, ref position);

    private static string? SkipStruct(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            return $"structs nested deeper than {MaxDepth} at byte {position}";
        }

        while (true)
        {
            if (position >= data.Length)
            {
                return $"a struct runs past the end of the footer ({data.Length} bytes)";
            }

            var header = data[position++];
            var type = (byte)(header & 0x0F);
            if (type == Stop)
            {
                return null;
            }

            if (header >> 4 == 0 && ReadVarint(data, ref position) is null)
            {
                return $"a field id varint is malformed at byte {position}";
            }

            if (type is True or False)
            {
                continue;
            }

            if (SkipValue(data, ref position, type, depth) is { } error)
            {
                return error;
            }
        }
    }

    private static string? SkipValue(ReadOnlySpan<byte> data, ref int position, byte type, int depth)
    {
        switch (type)
        {
            case True or False or Byte:
                return Advance(data, ref position, 1);
            case I16 or I32 or I64:
                return ReadVarint(data, ref position) is null ? $"a varint is malformed at byte {position}" : null;
            case Double:
                return Advance(data, ref position, 8);
            case Uuid:
                return Advance(data, ref position, 16);
            case Binary:
                {
                    var length = ReadVarint(data, ref position);
                    return length is null || length.Value > (ulong)(data.Length - position)
                        ? $"a binary of {length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes at byte {position} is longer than the {data.Length - position} bytes left"
                        : Advance(data, ref position, (int)length.Value);
                }

            case List or Set:
                {
                    if (position >= data.Length)
                    {
                        return "a list header runs past the end of the footer";
                    }

                    var header = data[position++];
                    var elementType = (byte)(header & 0x0F);
                    ulong? count = (ulong)(header >> 4);
                    if (count == 15)
                    {
                        count = ReadVarint(data, ref position);
                    }

                    return SkipElements(data, ref position, count, elementType, depth, "list");
                }

            case Map:
                {
                    var count = ReadVarint(data, ref position);
                    if (count is 0)
                    {
                        return null;
                    }

                    if (count is null || count.Value > (ulong)(data.Length - position) / 2)
                    {
                        return $"a map of {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} entries at byte {position} cannot fit in the {data.Length - position} bytes left";
                    }

                    if (position >= data.Length)
                    {
                        return "a map header runs past the end of the footer";
                    }

                    var types = data[position++];
                    return SkipElements(data, ref position, count * 2, (byte)(types >> 4), depth, "map", (byte)(types & 0x0F));
                }

            case Struct:
                return SkipStruct(data, ref position, depth + 1);
            default:
                return $"unknown Thrift type {type} at byte {position}";
        }
    }

    private static string? SkipElements(ReadOnlySpan<byte> data, ref int position, ulong? count, byte type, int depth, string what, byte? alternateType = null)
    {
        if (count is null || count.Value > (ulong)(data.Length - position))
        {
            return $"a {what} of {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} elements at byte {position} cannot fit in the {data.Length - position} bytes left";
        }

        for (ulong i = 0; i < count.Value; i++)
        {
            var elementType = alternateType is { } valueType && i % 2 == 1 ? valueType : type;
            if (SkipValue(data, ref position, elementType, depth) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static ulong? ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                return null;
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        return null;
    }

    private static string? Advance(ReadOnlySpan<byte> data, ref int position, int bytes)
    {
        if (bytes > data.Length - position)
        {
            return $"a value of {bytes} bytes at byte {position} runs past the end of the footer";
        }

        position += bytes;
        return null;
    }
}
