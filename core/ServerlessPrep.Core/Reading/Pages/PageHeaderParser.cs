namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Decodes a Thrift compact <c>PageHeader</c>. The bytes are first walked by <see cref="ThriftCompactCheck"/> (sizes checked
/// against the bytes given), so decoding never reads past them; fields this decoder does not use (statistics, CRC) are skipped.
/// </summary>
internal static class PageHeaderParser
{
    private const byte True = 1, False = 2, I32 = 5, Struct = 12;

    /// <summary>
    /// Null and the header with its length when <paramref name="data"/> starts with a complete, well-formed header; otherwise what
    /// is wrong (which may only mean that more bytes are needed, when <paramref name="data"/> does not reach the chunk's end).
    /// </summary>
    public static string? TryParse(ReadOnlySpan<byte> data, out PageHeader header, out int length)
    {
        header = default;
        if (ThriftCompactCheck.Validate(data, out length) is { } malformed)
        {
            return malformed;
        }

        var body = data[..length];
        var position = 0;
        int type = -1, uncompressed = -1, compressed = -1;
        PageHeader? detail = null;
        short lastId = 0;
        while (NextField(body, ref position, ref lastId, out var fieldType, out var id))
        {
            switch (id)
            {
                case 1 when fieldType == I32:
                    type = ReadI32(body, ref position);
                    break;
                case 2 when fieldType == I32:
                    uncompressed = ReadI32(body, ref position);
                    break;
                case 3 when fieldType == I32:
                    compressed = ReadI32(body, ref position);
                    break;
                case 5 when fieldType == Struct:
                    detail = ReadDataPage(body, ref position);
                    break;
                case 7 when fieldType == Struct:
                    detail = ReadDictionaryPage(body, ref position);
                    break;
                case 8 when fieldType == Struct:
                    detail = ReadDataPageV2(body, ref position);
                    break;
                default:
                    SkipField(body, ref position, fieldType);
                    break;
            }
        }

        if (type is < 0 or > 3 || uncompressed < 0 || compressed < 0)
        {
            return $"the page header lacks a valid type or size (type {type}, sizes {uncompressed}/{compressed})";
        }

        var pageType = (PageType)type;
        if (pageType != PageType.Index && detail is null)
        {
            return $"a {pageType} page header lacks its {pageType} details";
        }

        header = (detail ?? default) with { Type = pageType, UncompressedSize = uncompressed, CompressedSize = compressed };
        return null;
    }

    private static PageHeader ReadDataPage(ReadOnlySpan<byte> data, ref int position)
    {
        int values = -1, encoding = -1, definition = -1;
        short lastId = 0;
        while (NextField(data, ref position, ref lastId, out var fieldType, out var id))
        {
            switch (id)
            {
                case 1 when fieldType == I32: values = ReadI32(data, ref position); break;
                case 2 when fieldType == I32: encoding = ReadI32(data, ref position); break;
                case 3 when fieldType == I32: definition = ReadI32(data, ref position); break;
                default: SkipField(data, ref position, fieldType); break;
            }
        }

        return new PageHeader(PageType.Data, 0, 0, values, (PageEncoding)encoding, (PageEncoding)definition, -1, 0, true);
    }

    private static PageHeader ReadDictionaryPage(ReadOnlySpan<byte> data, ref int position)
    {
        int values = -1, encoding = -1;
        short lastId = 0;
        while (NextField(data, ref position, ref lastId, out var fieldType, out var id))
        {
            switch (id)
            {
                case 1 when fieldType == I32: values = ReadI32(data, ref position); break;
                case 2 when fieldType == I32: encoding = ReadI32(data, ref position); break;
                default: SkipField(data, ref position, fieldType); break;
            }
        }

        return new PageHeader(PageType.Dictionary, 0, 0, values, (PageEncoding)encoding, PageEncoding.Rle, 0, 0, true);
    }

    private static PageHeader ReadDataPageV2(ReadOnlySpan<byte> data, ref int position)
    {
        int values = -1, encoding = -1, definitionLength = -1, repetitionLength = -1;
        var compressed = true;
        short lastId = 0;
        while (NextField(data, ref position, ref lastId, out var fieldType, out var id))
        {
            switch (id)
            {
                case 1 when fieldType == I32: values = ReadI32(data, ref position); break;
                case 4 when fieldType == I32: encoding = ReadI32(data, ref position); break;
                case 5 when fieldType == I32: definitionLength = ReadI32(data, ref position); break;
                case 6 when fieldType == I32: repetitionLength = ReadI32(data, ref position); break;
                case 7 when fieldType is True or False: compressed = fieldType == True; break;
                default: SkipField(data, ref position, fieldType); break;
            }
        }

        return new PageHeader(PageType.DataV2, 0, 0, values, (PageEncoding)encoding, PageEncoding.Rle, definitionLength, repetitionLength, compressed);
    }

    /// <summary>Reads a field header (short form: id delta in the high nibble; long form: zigzag i16 id); false at the struct's stop byte.</summary>
    private static bool NextField(ReadOnlySpan<byte> data, ref int position, ref short lastId, out byte type, out short id)
    {
        var header = data[position++];
        type = (byte)(header & 0x0F);
        if (type == 0)
        {
            id = 0;
            return false;
        }

        var delta = header >> 4;
        id = delta != 0 ? (short)(lastId + delta) : (short)ZigZag(ThriftCompactCheck.ReadUnsignedVarint(data, ref position) ?? 0);
        lastId = id;
        return true;
    }

    /// <summary>A struct field's boolean lives in its type nibble: nothing follows it.</summary>
    private static void SkipField(ReadOnlySpan<byte> data, ref int position, byte type)
    {
        if (type is not (True or False))
        {
            ThriftCompactCheck.Skip(data, ref position, type);
        }
    }

    private static int ReadI32(ReadOnlySpan<byte> data, ref int position)
        => (int)ZigZag(ThriftCompactCheck.ReadUnsignedVarint(data, ref position) ?? 0);

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
