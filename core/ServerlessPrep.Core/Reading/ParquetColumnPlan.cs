using Parquet;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>How one top-level Parquet field becomes one <see cref="Column"/> per row group. Owns reusable buffers.</summary>
internal abstract class ParquetColumnPlan(ColumnSchema schema)
{
    public ColumnSchema Schema { get; } = schema;

    public string Name => Schema.Name;

    /// <param name="firstRow">Index of the row group's first row in the object, for diagnostics.</param>
    public abstract ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken);

    /// <summary>
    /// Drops this plan's references to the previous row group's text values (the batch is no longer valid), so they can be
    /// collected while the next row group is read instead of living on until each value is overwritten.
    /// </summary>
    public virtual void Release()
    {
    }

    protected static T[] Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[length];
        }

        return buffer;
    }
}
