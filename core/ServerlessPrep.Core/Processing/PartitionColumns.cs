using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Processing;

/// <summary>Adds the Hive partition values of a key (<c>date=2024-01-01</c>) as constant text columns, unless the data already has such a column.</summary>
internal sealed class PartitionColumns
{
    private readonly KeyValuePair<string, string>[] _partitions;

    public PartitionColumns(string key, BatchSchema fileSchema)
    {
        _partitions = HivePartitions.Parse(key).Where(p => fileSchema.Find(p.Key) is null).ToArray();
        Schema = _partitions.Length == 0
            ? fileSchema
            : new BatchSchema(fileSchema.Columns.Concat(_partitions.Select(p => new ColumnSchema(p.Key, DataKind.String, false, "hive-partition"))));
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
