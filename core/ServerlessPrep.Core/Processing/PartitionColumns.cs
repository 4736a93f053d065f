using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Adds the partition values of an object as constant text columns, unless the data already has such a column: the values the
/// event carries (a Delta <c>add</c>'s <c>partitionValues</c>, null values included), else the Hive folders of its key (<c>date=2024-01-01</c>).
/// </summary>
internal sealed class PartitionColumns
{
    private readonly KeyValuePair<string, string?>[] _partitions;

    public PartitionColumns(ObjectCreated created, BatchSchema fileSchema)
        : this(created.PartitionValues ?? HivePartitions.Parse(created.Key).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), fileSchema)
    {
    }

    private PartitionColumns(IEnumerable<KeyValuePair<string, string?>> partitions, BatchSchema fileSchema)
    {
        _partitions = partitions.Where(p => fileSchema.Find(p.Key) is null).ToArray();
        Schema = _partitions.Length == 0
            ? fileSchema
            : new BatchSchema(fileSchema.Columns.Concat(_partitions.Select(p => new ColumnSchema(p.Key, DataKind.String, p.Value is null, "hive-partition"))));
    }

    public BatchSchema Schema { get; }

    public RowBatch Extend(RowBatch batch)
    {
        if (_partitions.Length == 0)
        {
            return batch;
        }

        var columns = new List<Column>(batch.Columns);
        foreach (var (name, value) in _partitions)
        {
            var values = new string?[batch.RowCount];
            Array.Fill(values, value);
            columns.Add(new StringColumn(name, values, batch.RowCount));
        }

        return new RowBatch(Schema, columns, batch.RowCount, batch.FirstRowIndex);
    }
}
