using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>Merges the per-object profiles stored in the key-value store (<c>profile#&lt;key&gt;</c>): time proportional to the number of objects, not rows.</summary>
public static class StoredProfiles
{
    /// <summary>The merged profile of the selected objects, how many were selected and how many the dataset has.</summary>
    public static async Task<(DatasetProfile Profile, int Selected, int Total)> MergeAsync(IKeyValueStore kv, string dataset, ProfileSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kv);
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.HasTimeRange && selection.EventTimeColumn is null)
        {
            throw new PartitionFilterException($"Dataset '{dataset}' has no eventTime column in its spec: --since/--until select objects by their event-time range; use --where on partition values instead.");
        }

        var merged = DatasetProfile.Empty;
        int selected = 0, total = 0;
        await foreach (var item in kv.QueryAsync(KvKeys.Dataset(dataset), KvKeys.ProfilePrefix, cancellationToken).ConfigureAwait(false))
        {
            total++;
            if (!selection.MatchesKey(item.SortKey[KvKeys.ProfilePrefix.Length..]))
            {
                continue;
            }

            var profile = ProfileBinarySerializer.Deserialize(item.Value.Span);
            if (selection.MatchesTime(profile))
            {
                merged = merged.Merge(profile);
                selected++;
            }
        }

        return (merged, selected, total);
    }
}
