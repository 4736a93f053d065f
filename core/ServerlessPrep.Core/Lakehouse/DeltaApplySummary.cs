using System.Collections.Immutable;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>What one commit event did across the commits it applied: the counts and outputs its outcome reports.</summary>
internal sealed class DeltaApplySummary
{
    private readonly ImmutableArray<string>.Builder _outputs = ImmutableArray.CreateBuilder<string>();

    public long FirstVersion { get; private set; } = -1;

    public long LastVersion { get; private set; } = -1;

    public long? SnapshotCheckpoint { get; private set; }

    public bool Snapshot { get; private set; }

    public int Processed { get; private set; }

    public int Skipped { get; private set; }

    public int Quarantined { get; private set; }

    public int Removed { get; private set; }

    public string? FirstSkipReason { get; private set; }

    public string? FirstQuarantineReason { get; private set; }

    public string? Dataset { get; private set; }

    public long RowsIn { get; private set; }

    public long RowsOut { get; private set; }

    public long RowsQuarantined { get; private set; }

    public long BytesIn { get; private set; }

    public ImmutableArray<string> Outputs => _outputs.ToImmutable();

    public void Commit(long version, bool snapshot, long? checkpoint, string recordKey)
    {
        FirstVersion = FirstVersion < 0 ? version : FirstVersion;
        LastVersion = version;
        Snapshot |= snapshot;
        SnapshotCheckpoint ??= checkpoint;
        _outputs.Add(recordKey);
    }

    public void File(DeltaFileRecord file, ProcessingOutcome? outcome)
    {
        Dataset ??= outcome?.Dataset;
        switch (file.Status)
        {
            case DeltaFileStatus.Processed:
                Processed++;
                break;
            case DeltaFileStatus.Quarantined:
                Quarantined++;
                FirstQuarantineReason ??= file.Reason;
                break;
            default:
                Skipped++;
                FirstSkipReason ??= $"{file.Key}: {file.Reason}";
                break;
        }

        if (outcome is { Status: ObjectStatus.Processed or ObjectStatus.Quarantined })
        {
            RowsIn += outcome.RowsIn;
            RowsOut += outcome.RowsOut;
            RowsQuarantined += outcome.RowsQuarantined;
            BytesIn += outcome.BytesIn;
            _outputs.AddRange(outcome.Outputs);
        }
    }

    public void Remove() => Removed++;

    public ObjectStatus Status => Quarantined > 0 ? ObjectStatus.Quarantined
        : Skipped > 0 && Processed == 0 ? ObjectStatus.Skipped
        : ObjectStatus.Processed;

    public string Describe(string tableRoot)
    {
        var versions = FirstVersion == LastVersion ? $"commit {LastVersion}" : $"commits {FirstVersion}..{LastVersion}";
        var how = Snapshot
            ? SnapshotCheckpoint is { } cp ? $" (first sight of the table: live files from checkpoint {cp} + later commits)" : " (first sight of the table: live files from replaying the log)"
            : string.Empty;
        var text = $"Delta table '{Display(tableRoot)}' {versions} applied{how}: {Processed} file(s) processed, {Skipped} skipped, {Quarantined} quarantined, {Removed} remove(s) recorded";
        if (FirstQuarantineReason is not null)
        {
            text += $"; first quarantined: {FirstQuarantineReason}";
        }

        if (FirstSkipReason is not null)
        {
            text += $"; first skipped: {FirstSkipReason}";
        }

        return text;
    }

    public static string Display(string tableRoot) => tableRoot.Length == 0 ? "(lake root)" : tableRoot;
}
