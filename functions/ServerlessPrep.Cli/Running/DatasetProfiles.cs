using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using ServerlessPrep.Local;

namespace ServerlessPrep.Cli.Running;

/// <summary>Merges the per-object profiles stored in the key-value store into the dataset profile.</summary>
internal static class DatasetProfiles
{
    public static async Task<DatasetProfile> MergeAsync(string dataset, string outputRoot, string? statePath, CancellationToken cancellationToken)
    {
        var state = Path.GetFullPath(statePath ?? Path.Combine(outputRoot, ".state", "serverlessprep.db"));
        if (!File.Exists(state))
        {
            throw new CliUsageException($"No state at '{state}': process some data into '{outputRoot}' first (or pass --state).");
        }

        using var kv = new SqliteKeyValueStore(state);
        var merged = DatasetProfile.Empty;
        var objects = 0;
        await foreach (var item in kv.QueryAsync(KvKeys.Dataset(dataset), KvKeys.ProfilePrefix, cancellationToken).ConfigureAwait(false))
        {
            merged = merged.Merge(ProfileBinarySerializer.Deserialize(item.Value.Span));
            objects++;
        }

        return objects == 0 ? throw new CliUsageException($"Dataset '{dataset}' has no stored profiles in '{state}'.") : merged;
    }
}
