namespace ServerlessPrep.ChaosWorker;

/// <summary>Where a worker kills itself (names as passed on the command line and printed in the chaos report).</summary>
internal static class KillPoint
{
    /// <summary>Inside a read of a lake object's stream.</summary>
    public const string Read = "read";

    /// <summary>Right after an output object (features, profile, quarantine rows, lineage) was written: outputs half done, no manifest.</summary>
    public const string AfterOutputWrite = "after-output-write";

    /// <summary>Just before the manifest (the commit point) is written.</summary>
    public const string BeforeManifest = "before-manifest";

    /// <summary>After the manifest, before the processing record says COMPLETED.</summary>
    public const string AfterManifest = "after-manifest";

    /// <summary>Just before a conditional write of a processing record (claim or finish).</summary>
    public const string BeforeClaimWrite = "before-claim-write";

    /// <summary>Inside the claim-finish: the final record (COMPLETED/QUARANTINED/FAILED) was written, the outcome never reported.</summary>
    public const string AfterClaimFinish = "after-claim-finish";

    /// <summary>During the online-feature update of the key-value store (before a batch of conditional writes).</summary>
    public const string OnlineFeatureWrite = "online-feature-write";

    public static readonly string[] All = [Read, AfterOutputWrite, BeforeManifest, AfterManifest, BeforeClaimWrite, AfterClaimFinish, OnlineFeatureWrite];
}
