using System.Collections.Immutable;

namespace ServerlessPrep.Core.Reading;

/// <summary>Limits and parsing choices shared by all readers. Defaults live here and nowhere else.</summary>
public sealed record ReaderOptions
{
    public static ReaderOptions Default { get; } = new();

    /// <summary>Rows per batch: CSV and JSON Lines chunks, and Parquet batches when <see cref="DecodeParquetPages"/> is on.</summary>
    public int ChunkRows { get; init; } = 32_768;

    /// <summary>
    /// Parquet: decode flat columns page by page (our own decoder: PLAIN and dictionary encodings, data pages v1 and v2) and yield
    /// batches of <see cref="ChunkRows"/> rows, so memory is bounded by the batch and the pages in use, not by the row group.
    /// Column chunks the decoder does not handle (nested fields, other encodings or codecs, some logical types) are still read
    /// whole by Parquet.Net and then cut into the same batches. <c>false</c>: Parquet.Net reads every column chunk whole and
    /// each row group is one batch.
    /// </summary>
    public bool DecodeParquetPages { get; init; } = true;

    /// <summary>Largest single CSV field or JSON Lines line, in bytes (UTF-8); a larger one makes the object invalid.</summary>
    public int MaxFieldBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Rows sampled to infer JSON Lines types (CSV uses <see cref="Specs.CsvOptions.InferenceRows"/>).</summary>
    public int JsonInferenceRows { get; init; } = 1000;

    /// <summary>
    /// Tokens read as missing in columns inferred as non-text (e.g. <c>NA</c> in a numeric column).
    /// An empty field is always missing. In a text column these tokens stay text.
    /// </summary>
    public ImmutableArray<string> NullTokens { get; init; } = ["NA", "N/A", "n/a", "#N/A", "NULL", "null", "None", "nan", "NaN"];

    /// <summary>Parquet BYTE_ARRAY columns without a string annotation: read as base64 text (true) or skipped with a note (false).</summary>
    public bool BinaryAsBase64 { get; init; } = true;

    /// <summary>Folder for the temporary copy of a non-seekable Parquet stream; <c>null</c> = the system temp folder.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>How many sample values a reader keeps per column for the diagnostics of values it could not parse.</summary>
    public int MaxExamplesPerColumn { get; init; } = 3;

    /// <summary>
    /// Parquet: after a row group of at least this many rows, run a full blocking, compacting garbage collection (large-object
    /// heap included) before the next one is read. A row group's strings and, for chunks Parquet.Net reads, its temporary
    /// arrays would otherwise pile up for several row groups; on the benchmark partition the collection keeps the peak at
    /// 235 MiB instead of 252 MiB. 0 = never.
    /// </summary>
    public int CollectAfterRowGroupRows { get; init; } = 65_536;

    /// <summary>Checks every limit and throws one <see cref="ArgumentException"/> listing every problem.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (ChunkRows < 1)
        {
            errors.Add($"{nameof(ChunkRows)} must be at least 1 (was {ChunkRows}).");
        }

        if (MaxFieldBytes < 1024)
        {
            errors.Add($"{nameof(MaxFieldBytes)} must be at least 1024 (was {MaxFieldBytes}).");
        }

        if (JsonInferenceRows < 1)
        {
            errors.Add($"{nameof(JsonInferenceRows)} must be at least 1 (was {JsonInferenceRows}).");
        }

        if (MaxExamplesPerColumn < 0)
        {
            errors.Add($"{nameof(MaxExamplesPerColumn)} must not be negative (was {MaxExamplesPerColumn}).");
        }

        if (CollectAfterRowGroupRows < 0)
        {
            errors.Add($"{nameof(CollectAfterRowGroupRows)} must not be negative (was {CollectAfterRowGroupRows}).");
        }

        if (NullTokens.IsDefault)
        {
            errors.Add($"{nameof(NullTokens)} must be set (use an empty array for none).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid reader options: " + string.Join(" ", errors));
        }
    }
}
