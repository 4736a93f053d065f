using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Cli.Running;

internal sealed record RunRequest(
    LakeLayout Lake,
    string Output,
    string? State,
    SpecSet Specs,
    bool Json,
    int Concurrency,
    DateTimeOffset? Since,
    bool DryRun)
{
    public bool OnlineFeatures { get; init; } = true;

    /// <summary>Overrides <see cref="Core.Processing.ProcessorOptions.LargeObjectThresholdBytes"/> (<c>--large-object-bytes</c>).</summary>
    public long? LargeObjectBytes { get; init; }

    public int? RowGroupsPerPart { get; init; }

    public Core.Processing.ProcessorOptions ProcessorOptions()
    {
        var options = new Core.Processing.ProcessorOptions { WriteOnlineFeatures = OnlineFeatures };
        return options with
        {
            LargeObjectThresholdBytes = LargeObjectBytes ?? options.LargeObjectThresholdBytes,
            SplitInProcess = LargeObjectBytes is not null || options.SplitInProcess,
            RowGroupsPerPart = RowGroupsPerPart ?? options.RowGroupsPerPart,
        };
    }
}
