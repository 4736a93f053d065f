using System.Collections.Immutable;

namespace ServerlessPrep.Core.Data;

/// <summary>
/// A set of rows held column by column: one Parquet row group, or one chunk of a CSV/JSONL object.
/// Valid until the reader that produced it yields the next batch.
/// </summary>
public sealed class RowBatch
{
    public RowBatch(BatchSchema schema, IReadOnlyList<Column> columns, int rowCount, long firstRowIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != schema.Count)
        {
            throw new ArgumentException($"Batch has {columns.Count} columns but its schema has {schema.Count}.", nameof(columns));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != rowCount)
            {
                throw new ArgumentException($"Column '{columns[i].Name}' has {columns[i].Length} rows, expected {rowCount}.", nameof(columns));
            }

            if (columns[i].Name != schema.Columns[i].Name)
            {
                throw new ArgumentException($"Column {i} is '{columns[i].Name}' but the schema names it '{schema.Columns[i].Name}'.", nameof(columns));
            }
        }

        Schema = schema;
        Columns = columns.ToImmutableArray();
        RowCount = rowCount;
        FirstRowIndex = firstRowIndex;
    }

    public BatchSchema Schema { get; }

    public ImmutableArray<Column> Columns { get; }

    public int RowCount { get; }

    /// <summary>Index of this batch's first row within its object (for error messages and stable row ids).</summary>
    public long FirstRowIndex { get; }

    public Column this[string name] => Find(name) ?? throw new KeyNotFoundException($"No column '{name}' in batch ({Schema}).");

    public Column? Find(string name)
    {
        var i = Schema.IndexOf(name);
        return i < 0 ? null : Columns[i];
    }
}
