using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The coordinator of a large object split into parts (<c>large#&lt;key&gt;</c>): the plan, the pinned version, which parts
/// finished each phase, and the phase. Every change is a conditional write, so exactly one part fits and exactly one commits.
/// </summary>
public sealed record LargeObjectRecord
{
    public required string Key { get; init; }

    /// <summary>The event's version token (the processing record's version).</summary>
    public required string Version { get; init; }

    /// <summary>The object run (the processing record's run id) the parts belong to.</summary>
    public required string RunId { get; init; }

    public required string State { get; init; }

    /// <summary>The object as the planner saw it: every part reads exactly this version.</summary>
    public long Size { get; init; }

    public string? ETag { get; init; }

    public string? VersionId { get; init; }

    public DateTimeOffset LastModified { get; init; }

    public required IReadOnlyList<ObjectPart> Parts { get; init; }

    /// <summary>True when a frozen dataset fit was active: no profile phase, the parts profile while they prepare.</summary>
    public bool FrozenFit { get; init; }

    public IReadOnlyList<int> Profiled { get; init; } = [];

    public IReadOnlyList<int> Prepared { get; init; } = [];

    public string? FitVersion { get; init; }

    public int SchemaVersion { get; init; }

    /// <summary>The part that fitted the transform state (it dispatches the prepare phase, again if its message is redelivered).</summary>
    public int? Fitter { get; init; }

    /// <summary>The part that commits the object (again if its message is redelivered after a crash).</summary>
    public int? Committer { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Words stored in <see cref="LargeObjectRecord.State"/>.</summary>
public static class LargeObjectState
{
    public const string Profiling = "PROFILING";
    public const string Preparing = "PREPARING";
    public const string Committing = "COMMITTING";
    public const string Committed = "COMMITTED";
    public const string Failed = "FAILED";
}
