namespace ServerlessPrep.Core;

/// <summary>Base of the domain exceptions: faults in data or configuration, as opposed to misuse of the API.</summary>
public abstract class ServerlessPrepException : Exception
{
    protected ServerlessPrepException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
