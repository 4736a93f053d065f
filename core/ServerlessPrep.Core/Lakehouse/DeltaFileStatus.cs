namespace ServerlessPrep.Core.Lakehouse;

/// <summary>Status words of <see cref="DeltaFileRecord.Status"/>.</summary>
internal static class DeltaFileStatus
{
    public const string Processed = "processed";
    public const string Skipped = "skipped";
    public const string Quarantined = "quarantined";

    /// <summary>Removed by a commit before we ever saw it added (it was added before the table was first seen).</summary>
    public const string Unknown = "unknown";
}
