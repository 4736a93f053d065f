using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The dataset's reference profile for drift: stored by <c>fit --dataset</c> (the merged profile the fit came from) or set
/// explicitly (<c>reference --dataset</c>). Content-addressed like fits (<c>reference#ref-&lt;hash&gt;</c>), with one active pointer.
/// </summary>
public sealed class ReferenceProfiles(IKeyValueStore kv, TimeProvider time)
{
    private const int CachedProfiles = 16;

    /// <summary>Reference profiles are content-addressed (immutable per id), so a warm function reads each one once, not per object.</summary>
    private readonly ConcurrentDictionary<(string Dataset, string Id), DatasetProfile> _profiles = new();

    public async Task<ReferenceProfileInfo> SetAsync(string dataset, DatasetProfile profile, string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        ArgumentNullException.ThrowIfNull(profile);
        var bytes = ProfileBinarySerializer.Serialize(profile);
        var id = "ref-" + XxHash64.HashToUInt64(bytes).ToString("x16", CultureInfo.InvariantCulture);
        var pk = KvKeys.Dataset(dataset);
        await kv.PutAsync(new KvItem(pk, KvKeys.Reference(id), bytes), KvWriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false);
        var info = new ReferenceProfileInfo { Id = id, Dataset = dataset, Source = source, Objects = profile.ObjectCount, Rows = profile.RowCount, SetAt = time.GetUtcNow() };
        await kv.PutAsync(new KvItem(pk, KvKeys.ActiveReference, JsonSerializer.SerializeToUtf8Bytes(info, CoreJsonContext.Readable.ReferenceProfileInfo)), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);
        return info;
    }

    public async Task<ReferenceProfileInfo?> GetInfoAsync(string dataset, CancellationToken cancellationToken)
    {
        var pointer = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.ActiveReference, cancellationToken).ConfigureAwait(false);
        return pointer is null ? null : JsonSerializer.Deserialize(pointer.Value.Span, CoreJsonContext.Readable.ReferenceProfileInfo);
    }

    /// <summary>The active reference and its profile, or null when the dataset has none.</summary>
    public async Task<(ReferenceProfileInfo Info, DatasetProfile Profile)?> GetActiveAsync(string dataset, CancellationToken cancellationToken)
    {
        if (await GetInfoAsync(dataset, cancellationToken).ConfigureAwait(false) is not { } info)
        {
            return null;
        }

        if (_profiles.TryGetValue((dataset, info.Id), out var cached))
        {
            return (info, cached);
        }

        var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.Reference(info.Id), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Dataset '{dataset}': the active reference '{info.Id}' points at a profile that is not stored.");
        var profile = ProfileBinarySerializer.Deserialize(item.Value.Span);
        if (_profiles.Count >= CachedProfiles)
        {
            _profiles.Clear();
        }

        _profiles[(dataset, info.Id)] = profile;
        return (info, profile);
    }

    /// <summary>No reference any more: objects get no drift verdict. The stored profiles stay (content-addressed, small).</summary>
    public ValueTask ClearAsync(string dataset, CancellationToken cancellationToken)
        => kv.DeleteAsync(KvKeys.Dataset(dataset), KvKeys.ActiveReference, cancellationToken);
}
