using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure;

/// <summary>Thrown by the backfill queue trigger so that the queue redelivers a message whose object failed transiently.</summary>
public sealed class BackfillMessageFailedException(IReadOnlyList<ProcessingOutcome> failed)
    : Exception($"{failed.Count} object(s) failed and will be retried: " + string.Join("; ", failed.Select(f => $"{f.Key}: {f.Reason}")))
{
    public IReadOnlyList<ProcessingOutcome> Failed { get; } = failed;
}
