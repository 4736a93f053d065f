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
}
