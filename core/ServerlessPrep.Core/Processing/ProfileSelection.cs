using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Which stored per-object profiles a dataset profile merges: a partition filter on the object keys and/or an event-time range.
/// An object is in the range when its event-time column's [min, max] overlaps [<see cref="Since"/>, <see cref="Until"/>)
/// (objects are merged whole: a profile cannot be split by time).
/// </summary>
public sealed record ProfileSelection
{
    public static ProfileSelection All { get; } = new();

    public PartitionFilter? Where { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Required with <see cref="Since"/> or <see cref="Until"/>: the dataset's event-time column.</summary>
    public string? EventTimeColumn { get; init; }

    public bool HasTimeRange => Since is not null || Until is not null;

    public bool MatchesKey(string objectKey) => Where?.Matches(objectKey) ?? true;

    public bool MatchesTime(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!HasTimeRange)
        {
            return true;
        }

        if (EventTimeColumn is null || profile.Find(EventTimeColumn) is not { Min: { } min, Max: { } max })
        {
            return false;
        }

        return (Since is not { } since || max >= TimeUnits.FromDateTimeOffset(since))
            && (Until is not { } until || min < TimeUnits.FromDateTimeOffset(until));
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Where is not null)
        {
            parts.Add($"--where {Where}");
        }

        if (Since is { } since)
        {
            parts.Add($"--since {since:O}");
        }

        if (Until is { } until)
        {
            parts.Add($"--until {until:O}");
        }

        return string.Join(' ', parts);
    }
}
