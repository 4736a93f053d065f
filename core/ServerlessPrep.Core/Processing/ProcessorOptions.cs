namespace ServerlessPrep.Core.Processing;

/// <summary>Knobs of the processor, with defaults in one place. Validate once at start-up.</summary>
public sealed record ProcessorOptions
{
    /// <summary>How long an in-progress claim is honoured before another worker may take the object over.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed attempts after which an object is quarantined as poison.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Retries of a transient fault (throttling, 5xx, timeouts) within one invocation, with exponential backoff and jitter.</summary>
    public int TransientRetries { get; init; } = 3;

    public TimeSpan TransientRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Rows prepared at a time (and rows per output row group). A wide featurization (100 float64 columns) of a 250k-row input row group
    /// would otherwise hold ~200 MB of output at once; 64k-row slices measured 531 MiB peak RSS on the benchmark partition, 32k 451 MiB,
    /// 16k 442 MiB (same CPU), so 32k: most of the gain without tiny output row groups.
    /// </summary>
    public int PrepareSliceRows { get; init; } = 32_768;

    /// <summary>
    /// Output row groups per features file: an object that makes more starts another file (<see cref="OutputLayout.FeaturesFile"/>).
    /// A Parquet writer keeps every row group's metadata (~0.6 KB per column) until it writes the footer, so without this the
    /// memory of a 20M-row object grew by ~35 MB over a 2M-row one; 128 row groups of 32k rows are 4.2M rows per file.
    /// </summary>
    public int MaxRowGroupsPerFeaturesFile { get; init; } = 128;

    /// <summary>Write online features (latest row per entity by event time) to the key-value store.</summary>
    public bool WriteOnlineFeatures { get; init; } = true;

    /// <summary>Folder for temporary files (outputs are staged here before upload). Lambda: /tmp.</summary>
    public string TempDirectory { get; init; } = Path.GetTempPath();

    /// <summary>
    /// Parquet objects larger than this (bytes, as the store reports) with more than one row group are split into parts of
    /// <see cref="RowGroupsPerPart"/> row groups, processed separately and committed together (see docs/reliability.md).
    /// Default 512 MiB, or the environment variable <c>SERVERLESSPREP_LARGE_OBJECT_BYTES</c>.
    /// </summary>
    public long LargeObjectThresholdBytes { get; init; } = LargeObjectDefaults.ThresholdBytes();

    /// <summary>Row groups per part of a large object. Default 4, or <c>SERVERLESSPREP_ROW_GROUPS_PER_PART</c>.</summary>
    public int RowGroupsPerPart { get; init; } = LargeObjectDefaults.RowGroupsPerPart();

    /// <summary>
    /// Split large objects also when the parts would run in this process (no work queue). Off by default: until the reader can
    /// seek to a row group, parts decode the row groups before their range, so in one process a split costs more than it saves
    /// (docs/reliability.md has the measurement). On when <c>SERVERLESSPREP_LARGE_OBJECT_BYTES</c> is set, or by the CLI's
    /// <c>--large-object-bytes</c>. With a queue dispatcher (a deployment) objects are split regardless.
    /// </summary>
    public bool SplitInProcess { get; init; } = LargeObjectDefaults.ThresholdConfigured();

    /// <summary>Parts of one large object run at once when they run in this process (no work queue configured).</summary>
    public int PartParallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    public ServerlessPrep.Core.Reading.ReaderOptions Reader { get; init; } = ServerlessPrep.Core.Reading.ReaderOptions.Default;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ClaimLease <= TimeSpan.Zero)
        {
            errors.Add("ClaimLease must be positive.");
        }

        if (MaxRowGroupsPerFeaturesFile < 1)
        {
            errors.Add("MaxRowGroupsPerFeaturesFile must be at least 1.");
        }

        if (PrepareSliceRows < 1)
        {
            errors.Add("PrepareSliceRows must be at least 1.");
        }

        if (TransientRetries < 0)
        {
            errors.Add("TransientRetries must not be negative (0 = no in-process retry).");
        }

        if (LargeObjectThresholdBytes < 0)
        {
            errors.Add("LargeObjectThresholdBytes must not be negative.");
        }

        if (RowGroupsPerPart < 1)
        {
            errors.Add("RowGroupsPerPart must be at least 1.");
        }

        if (PartParallelism < 1)
        {
            errors.Add("PartParallelism must be at least 1.");
        }

        if (MaxAttempts < 1)
        {
            errors.Add("MaxAttempts must be at least 1.");
        }

        return errors;
    }
}
