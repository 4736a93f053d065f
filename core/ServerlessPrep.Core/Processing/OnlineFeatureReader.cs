using System.Collections.Concurrent;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Serves online features: reads <c>ent#&lt;dataset&gt;#&lt;entity&gt;</c> items and decodes them back to name → value. Reads both
/// item formats (1: JSON, 2: binary with the names in a feature view item, cached here after the first read). An item of an
/// unknown format, or whose feature view is missing, fails with an <see cref="InvalidDataException"/> that names it.
/// </summary>
public sealed class OnlineFeatureReader(IKeyValueStore kv)
{
    private readonly ConcurrentDictionary<(string Dataset, ulong Id), string[]> _views = new();

    /// <summary>The entity's latest row, or null when none is stored.</summary>
    public async ValueTask<OnlineFeatureRow?> GetAsync(string dataset, string entity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        ArgumentNullException.ThrowIfNull(entity);
        var item = await kv.GetAsync(KvKeys.Entity(dataset, entity), KvKeys.OnlineFeatures, cancellationToken).ConfigureAwait(false);
        return item is null ? null : await DecodeAsync(dataset, entity, item.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows of many entities, in order (null where none is stored); one batched read when the store offers it.</summary>
    public async ValueTask<IReadOnlyList<OnlineFeatureRow?>> GetManyAsync(string dataset, IReadOnlyList<string> entities, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataset);
        ArgumentNullException.ThrowIfNull(entities);
        var result = new OnlineFeatureRow?[entities.Count];
        if (kv is IKeyValueBatch batch)
        {
            var items = await batch.GetManyAsync(entities.Select(e => (KvKeys.Entity(dataset, e), KvKeys.OnlineFeatures)).ToList(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < entities.Count; i++)
            {
                result[i] = items[i] is { } item ? await DecodeAsync(dataset, entities[i], item.Value, cancellationToken).ConfigureAwait(false) : null;
            }

            return result;
        }

        for (var i = 0; i < entities.Count; i++)
        {
            result[i] = await GetAsync(dataset, entities[i], cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async ValueTask<OnlineFeatureRow> DecodeAsync(string dataset, string entity, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var eventTime = TimeUnits.ToDateTime(OnlineFeatureCodec.EventTime(value.Span));
        switch (OnlineFeatureCodec.Format(value.Span))
        {
            case OnlineFeatureCodec.BinaryFormat:
                {
                    var names = await ViewAsync(dataset, OnlineFeatureCodec.ViewIdOf(value.Span), cancellationToken).ConfigureAwait(false);
                    var (source, values) = OnlineFeatureCodec.DecodeBinary(value.Span, names);
                    return new OnlineFeatureRow(entity, eventTime, source, Zip(names, values), 2);
                }

            case OnlineFeatureCodec.JsonFormat:
                {
                    var (source, names, values) = OnlineFeatureCodec.DecodeJson(value.Span);
                    return new OnlineFeatureRow(entity, eventTime, source, Zip(names, values), 1);
                }

            case var other:
                throw new InvalidDataException(
                    $"Online features of entity '{entity}' in '{dataset}' are stored in item format {other}, which this version cannot read "
                    + "(it reads format 1, JSON, and 2, binary). Upgrade serverlessprep, or reprocess the dataset to rewrite them.");
        }
    }

    private async ValueTask<string[]> ViewAsync(string dataset, ulong id, CancellationToken cancellationToken)
    {
        if (_views.TryGetValue((dataset, id), out var names))
        {
            return names;
        }

        var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.FeatureView(id), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Online features of '{dataset}' refer to feature view {KvKeys.FeatureView(id)}, which is missing from the key-value store.");
        names = OnlineFeatureCodec.DecodeView(item.Value.Span);
        _views[(dataset, id)] = names;
        return names;
    }

    private static Dictionary<string, double?> Zip(IReadOnlyList<string> names, double?[] values)
    {
        var features = new Dictionary<string, double?>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            features[names[i]] = values[i];
        }

        return features;
    }
}
