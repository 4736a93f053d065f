namespace ServerlessPrep.Core.Profiling.Serialization;

/// <summary>Stored profile bytes are not a profile this version can read (wrong magic, unknown major version, truncated or corrupt).</summary>
public sealed class ProfileFormatException : ServerlessPrepException
{
    public ProfileFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
