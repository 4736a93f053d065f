using ServerlessPrep.Core.Cleaning;

namespace ServerlessPrep.Core.Processing;

/// <summary>What the prepare phase of one part wrote (<c>lpart#…#result#&lt;n&gt;</c>); the committer adds them up.</summary>
public sealed record PartResult
{
    public int Index { get; init; }

    public long RowsIn { get; init; }

    public long RowsOut { get; init; }

    public long RowsQuarantined { get; init; }

    public long RowsRejected { get; init; }

    public long DuplicatesDropped { get; init; }

    public long OutlierRowsDropped { get; init; }

    public required string Features { get; init; }

    /// <summary>Further features files of this part when it filled more than one (<see cref="OutputLayout.FeaturesFile"/>).</summary>
    public IReadOnlyList<string> MoreFeatures { get; init; } = [];

    public string? QuarantinedRows { get; init; }

    public IReadOnlyDictionary<string, long> SplitCounts { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long[]> Rules { get; init; } = new Dictionary<string, long[]>();

    public IReadOnlyDictionary<string, long> Imputed { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> CoercionFailures { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> Outliers { get; init; } = new Dictionary<string, long>();

    internal static PartResult From(int index, PreparedObject prepared, string features, string? quarantinedRows) => new()
    {
        Index = index,
        RowsIn = prepared.Counters.RowsIn,
        RowsOut = prepared.RowsOut,
        RowsQuarantined = prepared.RowsQuarantined,
        RowsRejected = prepared.Counters.RowsRejected,
        DuplicatesDropped = prepared.Counters.DuplicatesDropped,
        OutlierRowsDropped = prepared.Counters.OutlierRowsDropped,
        Features = features,
        MoreFeatures = [.. Enumerable.Range(1, prepared.FeatureFiles.Count - 1).Select(i => OutputLayout.FeaturesFile(features, i))],
        QuarantinedRows = quarantinedRows,
        SplitCounts = new Dictionary<string, long>(prepared.SplitCounts, StringComparer.Ordinal),
        Rules = prepared.Counters.Rules.ToDictionary(r => r.Key, r => new[] { r.Value.Evaluated, r.Value.Failed }, StringComparer.Ordinal),
        Imputed = new Dictionary<string, long>(prepared.Counters.Imputed, StringComparer.Ordinal),
        CoercionFailures = new Dictionary<string, long>(prepared.Counters.CoercionFailures, StringComparer.Ordinal),
        Outliers = new Dictionary<string, long>(prepared.Counters.Outliers, StringComparer.Ordinal),
    };

    /// <summary>The quality counters of the whole object: the parts' counters added up, in part order.</summary>
    internal static QualityCounters Sum(IReadOnlyList<PartResult> parts)
    {
        var total = new QualityCounters();
        foreach (var part in parts)
        {
            total.RowsIn += part.RowsIn;
            total.RowsOut += part.RowsOut;
            total.RowsRejected += part.RowsRejected;
            total.DuplicatesDropped += part.DuplicatesDropped;
            total.OutlierRowsDropped += part.OutlierRowsDropped;
            foreach (var (name, counts) in part.Rules)
            {
                total.AddRule(name, counts[0], counts[1]);
            }

            foreach (var (column, n) in part.Imputed)
            {
                total.AddImputed(column, n);
            }

            foreach (var (column, n) in part.CoercionFailures)
            {
                total.AddCoercionFailures(column, n);
            }

            foreach (var (column, n) in part.Outliers)
            {
                total.AddOutliers(column, n);
            }
        }

        return total;
    }
}
