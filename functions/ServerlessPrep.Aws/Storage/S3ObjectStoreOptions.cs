namespace ServerlessPrep.Aws.Storage;

/// <summary>Tuning of <see cref="S3ObjectStore"/>; defaults in one place.</summary>
internal sealed record S3ObjectStoreOptions
{
    /// <summary>Smallest ranged GET the read stream issues; small reads are served from this buffer.</summary>
    public int ReadAheadBytes { get; init; } = 1024 * 1024;

    /// <summary>Objects larger than this are uploaded in parts of this size (S3's minimum part is 5 MiB).</summary>
    public int MultipartPartBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Keys per ListObjectsV2 page (S3 caps it at 1000).</summary>
    public int ListPageSize { get; init; } = 1000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ReadAheadBytes < 4096)
        {
            errors.Add("ReadAheadBytes must be at least 4096.");
        }

        if (MultipartPartBytes < 5 * 1024 * 1024)
        {
            errors.Add("MultipartPartBytes must be at least 5 MiB (S3 minimum part size).");
        }

        if (ListPageSize is < 1 or > 1000)
        {
            errors.Add("ListPageSize must be between 1 and 1000.");
        }

        return errors;
    }
}
