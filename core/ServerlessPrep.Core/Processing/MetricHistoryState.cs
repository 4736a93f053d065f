using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// <c>metrics@state</c>: the detectors' state after the last entry — the latest value of every metric (rate of change) and a
/// Welford state per online-normal check. Updated with a conditional write, which orders the entries.
/// </summary>
public sealed record MetricHistoryState
{
    public static MetricHistoryState Empty { get; } = new() { LastValues = new Dictionary<string, double>(), Normals = new Dictionary<string, WelfordState>() };

    public long Sequence { get; init; }

    public required IReadOnlyDictionary<string, double> LastValues { get; init; }

    public required IReadOnlyDictionary<string, WelfordState> Normals { get; init; }

    /// <summary>The last entry, so that a retried object gets the same verdict instead of a second entry.</summary>
    public MetricHistoryEntry? Last { get; init; }
}
