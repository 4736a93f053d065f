namespace ServerlessPrep.Core.Processing;

/// <summary>A partition filter (<c>--where</c>) or time range could not be read; the message names the token and what was expected.</summary>
public sealed class PartitionFilterException : ServerlessPrepException
{
    public PartitionFilterException(string message)
        : base(message)
    {
    }
}
