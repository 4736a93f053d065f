using System.Globalization;
using System.Text;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>What the worker processes of the SIGKILL chaos run reported and how they died.</summary>
internal sealed class SigkillTally
{
    public Dictionary<(int Index, string Version), int> ProcessedPerVersion { get; } = [];

    public Dictionary<(int Index, string Version), int> QuarantinedPerVersion { get; } = [];

    public Dictionary<string, int> SkippedByReason { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> SelfKills { get; } = new(StringComparer.Ordinal);

    public int Processed { get; private set; }

    public int Quarantined { get; private set; }

    public int RetryableFailures { get; private set; }

    public int UnreportedDeliveries { get; set; }

    public int HarnessKills { get; set; }

    public int PlannedKillsNotReached { get; set; }

    public int Processes { get; set; }

    /// <summary>Records a reported outcome; returns true when the delivery must be redelivered.</summary>
    public bool Add(ChaosEvent e, string status, string? reason)
    {
        switch (status)
        {
            case "Processed":
                Processed++;
                var version = (e.Index, e.Created.Version!);
                ProcessedPerVersion[version] = ProcessedPerVersion.GetValueOrDefault(version) + 1;
                return false;
            case "Skipped":
                var category = Category(reason ?? string.Empty);
                SkippedByReason[category] = SkippedByReason.GetValueOrDefault(category) + 1;
                return false;
            case "Quarantined":
                Quarantined++;
                var quarantined = (e.Index, e.Created.Version!);
                QuarantinedPerVersion[quarantined] = QuarantinedPerVersion.GetValueOrDefault(quarantined) + 1;
                return false;
            default:
                RetryableFailures++;
                return true;
        }
    }

    public void AddSelfKill(string point) => SelfKills[point] = SelfKills.GetValueOrDefault(point) + 1;

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"worker processes {Processes}; SIGKILLs by the worker at a chosen point {SelfKills.Values.Sum()}, by the harness at a random time {HarnessKills}; planned self-kills not reached {PlannedKillsNotReached}");
        foreach (var point in KillPlan.PointNames)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  killed at {point}: {SelfKills.GetValueOrDefault(point)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"outcomes reported: processed {Processed}, quarantined {Quarantined}, skipped {SkippedByReason.Values.Sum()}, retryable (busy/transient) {RetryableFailures}; deliveries a killed worker never reported (handed out again) {UnreportedDeliveries}");
        foreach (var (category, count) in SkippedByReason.OrderByDescending(p => p.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  skipped, {category}: {count}");
        }

        return text.ToString();
    }

    private static string Category(string reason) => reason switch
    {
        _ when reason.StartsWith("already processed", StringComparison.Ordinal) => "already processed",
        _ when reason.StartsWith("already quarantined", StringComparison.Ordinal) => "already quarantined",
        _ when reason.StartsWith("stale event", StringComparison.Ordinal) => "stale event (older sequencer)",
        _ when reason.StartsWith("lease lost to run", StringComparison.Ordinal) => "lease lost to another run (its result stands)",
        _ => reason,
    };
}
