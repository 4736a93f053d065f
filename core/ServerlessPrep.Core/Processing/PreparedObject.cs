using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Processing;

/// <summary>The staged results of the prepare pass, before they are committed to the output store.</summary>
internal sealed record PreparedObject : IAsyncDisposable
{
    /// <summary>The featurized rows: one staged Parquet file, more when they exceed <see cref="ProcessorOptions.MaxRowGroupsPerFeaturesFile"/>.</summary>
    public required IReadOnlyList<Stream> FeatureFiles { get; init; }

    public required QuarantineRowsWriter Quarantine { get; init; }

    public OnlineFeatureCollector? Online { get; init; }

    public required BatchSchema OutputSchema { get; init; }

    public required IReadOnlyList<(string Output, IReadOnlyList<string> Inputs, string Transform)> ColumnLineage { get; init; }

    public required QualityCounters Counters { get; init; }

    public long RowsOut { get; init; }

    public long RowsQuarantined { get; init; }

    public required IReadOnlyDictionary<string, long> SplitCounts { get; init; }

    /// <summary>The profile gathered during this pass (single-pass mode), else null.</summary>
    public ObjectProfile? Profile { get; init; }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in FeatureFiles)
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }

        await Quarantine.DisposeAsync().ConfigureAwait(false);
    }
}
