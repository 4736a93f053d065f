namespace ServerlessPrep.Core.Events;

/// <summary>
/// An event body is not what its schema says (not JSON, a required field missing or of the wrong type).
/// Redelivering the same event will not help: hosts answer it with a client error and do not ask for a retry.
/// </summary>
public sealed class CloudEventFormatException : ServerlessPrepException
{
    public CloudEventFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
