using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Cli.Running;

/// <summary>A cloud backfill: what to list, where to enqueue, where to follow progress. <see cref="Wait"/> null: <c>--no-wait</c>.</summary>
internal sealed record QueuedRequest(
    string LakeUri,
    string? QueueUri,
    string? KvUri,
    string? Root,
    SpecSet Specs,
    bool Json,
    DateTimeOffset? Since,
    bool DryRun,
    TimeSpan? Wait)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
