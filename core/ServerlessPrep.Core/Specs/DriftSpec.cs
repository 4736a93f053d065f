using System.Collections.Immutable;
using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Specs;

/// <summary>
/// <c>drift:</c> — how each object is compared with the dataset's reference profile (set by <c>fit</c> or <c>reference</c>).
/// Drift is judged whenever a reference exists; this section only tunes it.
/// </summary>
public sealed record DriftSpec
{
    public static DriftSpec Default { get; } = new();

    public bool Enabled { get; init; } = true;

    public DriftThresholds Thresholds { get; init; } = DriftThresholds.Default;

    public MonitorAction Action { get; init; } = MonitorAction.Warn;

    /// <summary>Columns to compare; empty = every numeric, boolean and categorical column that is not id-like, the entity, the event time or a Hive partition column.</summary>
    public ImmutableArray<string> Columns { get; init; } = [];
}
