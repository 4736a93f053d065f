using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Keeps the latest feature row per entity (by event time) while an object streams, then writes each to the key-value store
/// with a conditional update that never replaces a newer row: out-of-order partitions cannot roll features back.
/// </summary>
internal sealed class OnlineFeatureCollector(string dataset, string entityColumn, string eventTimeColumn)
{
    private const int BatchSize = 2_000;
    private readonly Dictionary<string, (long EventTime, double[] Values)> _latest = new(StringComparer.Ordinal);
    private string[] _featureNames = [];

    public int EntityCount => _latest.Count;

    public void Add(RowBatch features)
    {
        if (features.Find(entityColumn) is not { } entity || features.Find(eventTimeColumn) is not Int64Column time)
        {
            return;
        }

        var doubles = features.Columns.OfType<DoubleColumn>().ToArray();
        if (_featureNames.Length == 0)
        {
            _featureNames = doubles.Select(c => c.Name).ToArray();
        }

        for (var row = 0; row < features.RowCount; row++)
        {
            if (entity.IsNull(row) || time.IsNull(row))
            {
                continue;
            }

            var key = entity is StringColumn text ? text.Values[row]! : Convert.ToString(entity.GetValue(row), CultureInfo.InvariantCulture)!;
            var eventTime = time.Values[row];
            if (_latest.TryGetValue(key, out var current) && current.EventTime >= eventTime)
            {
                continue;
            }

            var values = current.Values ?? new double[doubles.Length];
            for (var c = 0; c < doubles.Length; c++)
            {
                values[c] = doubles[c].IsNull(row) ? double.NaN : doubles[c].Values[row];
            }

            _latest[key] = (eventTime, values);
        }
    }

    public async Task<int> WriteAsync(IKeyValueStore kv, string objectKey, CancellationToken cancellationToken)
    {
        var entities = _latest.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (kv is not IKeyValueBatch batch)
        {
            var written = 0;
            foreach (var (entity, (eventTime, values)) in entities)
            {
                written += await WriteOneAsync(kv, entity, eventTime, values, objectKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            return written;
        }

        var total = 0;
        foreach (var chunk in entities.Chunk(BatchSize))
        {
            total += await WriteChunkAsync(kv, batch, chunk, objectKey, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>One batched read and one batched conditional write per chunk; entities that lost a race are retried one by one.</summary>
    private async Task<int> WriteChunkAsync(IKeyValueStore kv, IKeyValueBatch batch, KeyValuePair<string, (long EventTime, double[] Values)>[] chunk, string objectKey, CancellationToken cancellationToken)
    {
        var stored = await batch.GetManyAsync(chunk.Select(e => (KvKeys.Entity(dataset, e.Key), KvKeys.OnlineFeatures)).ToList(), cancellationToken).ConfigureAwait(false);
        var puts = new List<KvConditionalPut>(chunk.Length);
        var candidates = new List<int>(chunk.Length);
        for (var i = 0; i < chunk.Length; i++)
        {
            var (entity, (eventTime, values)) = chunk[i];
            if (stored[i] is { } existing && StoredEventTime(existing) >= eventTime)
            {
                continue;
            }

            var condition = stored[i] is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(stored[i]!.VersionToken!);
            puts.Add(new KvConditionalPut(new KvItem(KvKeys.Entity(dataset, entity), KvKeys.OnlineFeatures, Serialize(eventTime, values, objectKey)), condition));
            candidates.Add(i);
        }

        var tokens = await batch.PutManyAsync(puts, cancellationToken).ConfigureAwait(false);
        var written = 0;
        for (var p = 0; p < tokens.Count; p++)
        {
            if (tokens[p] is not null)
            {
                written++;
                continue;
            }

            var (entity, (eventTime, values)) = chunk[candidates[p]];
            written += await WriteOneAsync(kv, entity, eventTime, values, objectKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return written;
    }

    private async Task<bool> WriteOneAsync(IKeyValueStore kv, string entity, long eventTime, double[] values, string objectKey, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Entity(dataset, entity);
        var payload = Serialize(eventTime, values, objectKey);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await kv.GetAsync(pk, KvKeys.OnlineFeatures, cancellationToken).ConfigureAwait(false);
            if (existing is not null && StoredEventTime(existing) >= eventTime)
            {
                return false;
            }

            var condition = existing is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(existing.VersionToken!);
            if (await kv.PutAsync(new KvItem(pk, KvKeys.OnlineFeatures, payload), condition, cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }
        }

        throw new TransientStorageException($"Online features of entity '{entity}' in '{dataset}' kept changing under concurrent writers.");
    }

    /// <summary>Layout: 8-byte big-endian event time (µs), then the JSON document.</summary>
    private byte[] Serialize(long eventTime, double[] values, string objectKey)
    {
        using var buffer = new MemoryStream();
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(head, eventTime);
        buffer.Write(head);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("eventTime", TimeUnits.ToDateTime(eventTime).ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("source", objectKey);
            w.WriteStartObject("features");
            for (var i = 0; i < values.Length; i++)
            {
                w.WritePropertyName(_featureNames[i]);
                if (double.IsFinite(values[i]))
                {
                    w.WriteNumberValue(values[i]);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static long StoredEventTime(KvItem item) => item.Value.Length >= 8 ? BinaryPrimitives.ReadInt64BigEndian(item.Value.Span) : long.MinValue;
}
