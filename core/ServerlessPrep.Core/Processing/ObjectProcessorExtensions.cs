using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Processing;

/// <summary>What every host needs around the processor call.</summary>
public static class ObjectProcessorExtensions
{
    /// <summary>
    /// Hosts must answer every event: an exception escaping the processor (a bug, out of memory) becomes a retryable
    /// <see cref="ObjectStatus.Failed"/> outcome, returned with the exception for logging. Cancellation still propagates.
    /// </summary>
    public static async Task<(ProcessingOutcome Outcome, Exception? Error)> ProcessOrFailAsync(this IObjectProcessor processor, ObjectCreated created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(created);
        try
        {
            return (await processor.ProcessAsync(created, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (new ProcessingOutcome { Key = created.Key, Status = ObjectStatus.Failed, Reason = ex.Message }, ex);
        }
    }
}
