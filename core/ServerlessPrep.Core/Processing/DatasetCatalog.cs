using System.Text.Json;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The catalog in the key-value store: which datasets exist, their schema versions (with the object that introduced each),
/// and the objects seen per partition with row counts.
/// </summary>
public sealed class DatasetCatalog(IKeyValueStore kv, TimeProvider time)
{
    /// <summary>Returns the version number of <paramref name="schema"/> for the dataset, recording it as a new version if unseen.</summary>
    public async Task<SchemaVersionRecord> RecordSchemaAsync(string dataset, BatchSchema schema, string objectKey, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Dataset(dataset);
        await kv.PutAsync(KvItem.FromString(KvKeys.DatasetsPartition, dataset, dataset), KvWriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var versions = await ListSchemasAsync(dataset, cancellationToken).ConfigureAwait(false);
            var known = versions.FirstOrDefault(v => v.Fingerprint == schema.Fingerprint);
            if (known is not null)
            {
                return known;
            }

            var record = new SchemaVersionRecord
            {
                Number = versions.Count + 1,
                Fingerprint = schema.Fingerprint,
                Columns = schema.Columns.Select(c => $"{c.Name}: {c.Kind}{(c.SourceType is null ? string.Empty : $" ({c.SourceType})")}").ToArray(),
                FirstObject = objectKey,
                FirstSeen = time.GetUtcNow(),
            };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(record, CoreJsonContext.Readable.SchemaVersionRecord);
            if (await kv.PutAsync(new KvItem(pk, KvKeys.Schema(record.Number), bytes), KvWriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false) is not null)
            {
                return record;
            }
        }

        throw new InvalidOperationException($"Could not record a schema version for dataset '{dataset}': too many concurrent writers.");
    }

    public async Task<IReadOnlyList<SchemaVersionRecord>> ListSchemasAsync(string dataset, CancellationToken cancellationToken)
    {
        var result = new List<SchemaVersionRecord>();
        await foreach (var item in kv.QueryAsync(KvKeys.Dataset(dataset), KvKeys.SchemaPrefix, cancellationToken).ConfigureAwait(false))
        {
            result.Add(JsonSerializer.Deserialize(item.Value.Span, CoreJsonContext.Readable.SchemaVersionRecord)!);
        }

        return result;
    }

    public async Task RecordPartitionAsync(string dataset, string objectKey, long rows, int schemaVersion, CancellationToken cancellationToken)
    {
        var partition = HivePartitions.PartitionPath(objectKey);
        var record = new PartitionRecord { Partition = partition, Key = objectKey, Rows = rows, SchemaVersion = schemaVersion, ProcessedAt = time.GetUtcNow() };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, CoreJsonContext.Readable.PartitionRecord);
        await kv.PutAsync(new KvItem(KvKeys.Dataset(dataset), KvKeys.Partition(partition, objectKey), bytes), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PartitionRecord>> ListPartitionsAsync(string dataset, CancellationToken cancellationToken)
    {
        var result = new List<PartitionRecord>();
        await foreach (var item in kv.QueryAsync(KvKeys.Dataset(dataset), KvKeys.PartitionPrefix, cancellationToken).ConfigureAwait(false))
        {
            result.Add(JsonSerializer.Deserialize(item.Value.Span, CoreJsonContext.Readable.PartitionRecord)!);
        }

        return result;
    }

    public async Task<IReadOnlyList<string>> ListDatasetsAsync(CancellationToken cancellationToken)
    {
        var result = new List<string>();
        await foreach (var item in kv.QueryAsync(KvKeys.DatasetsPartition, string.Empty, cancellationToken).ConfigureAwait(false))
        {
            result.Add(item.SortKey);
        }

        return result;
    }
}
