namespace ServerlessPrep.Core.Storage;

/// <summary>
/// A store is temporarily unavailable (throttling, 5xx, timeout). Adapters wrap their SDK's transient errors in this so the core
/// can retry with backoff and, if the deadline runs out, ask the host for redelivery instead of quarantining good data.
/// </summary>
public sealed class TransientStorageException : ServerlessPrepException
{
    public TransientStorageException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
