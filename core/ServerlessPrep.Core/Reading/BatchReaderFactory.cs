using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Reading;

/// <summary>Opens the right <see cref="IBatchReader"/> for an object.</summary>
public static class BatchReaderFactory
{
    /// <summary>
    /// Detects the format when <paramref name="format"/> is <see cref="InputFormat.Auto"/> (Parquet magic at the start,
    /// or at the end of a seekable stream; then the key's extension; then a look at the first bytes) and opens a reader.
    /// The caller keeps ownership of <paramref name="stream"/> and disposes it after the reader.
    /// A non-seekable stream holding Parquet is first copied to a temporary file that the reader deletes.
    /// </summary>
    /// <exception cref="InvalidDataObjectException">The object is empty, corrupt or not in the expected format.</exception>
    public static async Task<IBatchReader> OpenAsync(
        Stream stream,
        string objectKey,
        InputFormat format,
        CsvOptions csv,
        ReaderOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(objectKey);
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(options);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        options.Validate();

        if (format == InputFormat.Auto)
        {
            (format, stream) = await DetectAsync(stream, objectKey, cancellationToken).ConfigureAwait(false);
            if (format == InputFormat.Csv && FormatDetector.IsTsv(objectKey) && csv.Delimiter == new CsvOptions().Delimiter)
            {
                csv = csv with { Delimiter = '\t' };
            }
        }

        return format switch
        {
            InputFormat.Parquet => await ParquetBatchReader.OpenAsync(stream, objectKey, options, cancellationToken).ConfigureAwait(false),
            InputFormat.Csv => await CsvBatchReader.OpenAsync(stream, objectKey, csv, options, cancellationToken).ConfigureAwait(false),
            InputFormat.JsonLines => await JsonLinesBatchReader.OpenAsync(stream, objectKey, options, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown input format."),
        };
    }

    private static async Task<(InputFormat Format, Stream Stream)> DetectAsync(Stream stream, string objectKey, CancellationToken cancellationToken)
    {
        var head = new byte[FormatDetector.SniffBytes];
        if (stream.CanSeek)
        {
            var start = stream.Position;
            var headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var tail = Array.Empty<byte>();
            if (stream.Length - start >= 8)
            {
                tail = new byte[4];
                stream.Seek(-4, SeekOrigin.End);
                await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
            }

            stream.Position = start;
            return (FormatDetector.Detect(objectKey, head.AsSpan(0, headLength), tail), stream);
        }

        var length = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var detected = FormatDetector.Detect(objectKey, head.AsSpan(0, length), ReadOnlySpan<byte>.Empty);
        return (detected, new PrefixedStream(head, length, stream));
    }
}
