using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>A drift or anomaly check with <c>action: quarantine</c> failed: the object is quarantined, its verdict kept in the record.</summary>
public sealed class MonitoringQuarantineException : ServerlessPrepException
{
    public MonitoringQuarantineException(string message, MonitoringVerdict verdict)
        : base(message)
    {
        Verdict = verdict;
    }

    public MonitoringVerdict Verdict { get; }
}
