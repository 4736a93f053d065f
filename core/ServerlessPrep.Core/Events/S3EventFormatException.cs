namespace ServerlessPrep.Core.Events;

/// <summary>
/// An AWS event payload (S3 notification, EventBridge S3 event, SQS batch) is malformed or has a shape we do not know.
/// Redelivering the same bytes cannot help: hosts answer with a non-retryable error.
/// </summary>
public sealed class S3EventFormatException : ServerlessPrepException
{
    public S3EventFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
