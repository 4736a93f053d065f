namespace ServerlessPrep.Core.Specs;

/// <summary>What a drift or anomaly verdict does to the object.</summary>
public enum MonitorAction
{
    /// <summary>Recorded and reported; the object completes.</summary>
    Warn,

    /// <summary>The object is quarantined with a reason naming the columns and metrics; no features are written.</summary>
    Quarantine,
}
