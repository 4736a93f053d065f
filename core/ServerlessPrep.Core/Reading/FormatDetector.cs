using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Reading;

/// <summary>Decides the format of an object from its first bytes, its last bytes and its key.</summary>
internal static class FormatDetector
{
    public const int SniffBytes = 4096;

    private static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    private static ReadOnlySpan<byte> EncryptedParquetMagic => "PARE"u8;

    /// <summary>Magic bytes win; then the extension; then a look at the content.</summary>
    /// <param name="objectKey">Used for the extension and in errors.</param>
    /// <param name="head">The first bytes (up to <see cref="SniffBytes"/>); empty for an empty object.</param>
    /// <param name="tail">The last 4 bytes when the stream is seekable, else empty.</param>
    public static InputFormat Detect(string objectKey, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (head.IsEmpty)
        {
            throw new InvalidDataObjectException(objectKey, "the object is empty (0 bytes); expected Parquet, CSV or JSON Lines data.");
        }

        if (head.StartsWith(ParquetMagic) || head.StartsWith(EncryptedParquetMagic)
            || tail.SequenceEqual(ParquetMagic) || tail.SequenceEqual(EncryptedParquetMagic))
        {
            return InputFormat.Parquet;
        }

        var byExtension = FromExtension(objectKey);
        if (byExtension is not null)
        {
            return byExtension.Value;
        }

        return Sniff(objectKey, head);
    }

    public static InputFormat? FromExtension(string objectKey)
    {
        var name = objectKey.AsSpan();
        var slash = name.LastIndexOf('/');
        name = name[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        var ext = name[(dot + 1)..];
        if (ext.Equals("parquet", StringComparison.OrdinalIgnoreCase) || ext.Equals("pq", StringComparison.OrdinalIgnoreCase))
        {
            return InputFormat.Parquet;
        }

        if (ext.Equals("csv", StringComparison.OrdinalIgnoreCase) || ext.Equals("tsv", StringComparison.OrdinalIgnoreCase)
            || ext.Equals("txt", StringComparison.OrdinalIgnoreCase))
        {
            return InputFormat.Csv;
        }

        if (ext.Equals("jsonl", StringComparison.OrdinalIgnoreCase) || ext.Equals("ndjson", StringComparison.OrdinalIgnoreCase)
            || ext.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return InputFormat.JsonLines;
        }

        return null;
    }

    public static bool IsTsv(string objectKey) => objectKey.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase);

    private static InputFormat Sniff(string objectKey, ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
        {
            throw new InvalidDataObjectException(objectKey, "the object is binary but not Parquet (no PAR1 magic); expected Parquet, CSV or JSON Lines data.");
        }

        var start = head;
        if (start.StartsWith("\uFEFF"u8))
        {
            start = start[3..];
        }

        start = start.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty)
        {
            throw new InvalidDataObjectException(objectKey, "the object holds only whitespace; expected Parquet, CSV or JSON Lines data.");
        }

        return start[0] == (byte)'{' ? InputFormat.JsonLines : InputFormat.Csv;
    }
}
