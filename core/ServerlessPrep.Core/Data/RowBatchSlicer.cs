namespace ServerlessPrep.Core.Data;

/// <summary>
/// Cuts a batch into smaller consecutive batches (copies of the values; text values are shared references).
/// Lets a 250k-row Parquet row group be prepared in slices, so wide feature outputs stay small in memory.
/// </summary>
public static class RowBatchSlicer
{
    public static IEnumerable<RowBatch> Slices(RowBatch batch, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        if (batch.RowCount <= maxRows)
        {
            yield return batch;
            yield break;
        }

        for (var start = 0; start < batch.RowCount; start += maxRows)
        {
            yield return Slice(batch, start, Math.Min(maxRows, batch.RowCount - start));
        }
    }

    public static RowBatch Slice(RowBatch batch, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, batch.RowCount);
        var columns = new Column[batch.Columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Slice(batch.Columns[i], start, count);
        }

        return new RowBatch(batch.Schema, columns, count, batch.FirstRowIndex + start);
    }

    /// <summary>A copy of <paramref name="count"/> values of one column from <paramref name="start"/>.</summary>
    public static Column Slice(Column column, int start, int count) => column switch
    {
        DoubleColumn d => new DoubleColumn(d.Name, d.Values.Slice(start, count).ToArray(), Nulls(d.Nulls, start, count), count),
        Int64Column l => new Int64Column(l.Name, l.Values.Slice(start, count).ToArray(), Nulls(l.Nulls, start, count), count, l.Kind),
        BooleanColumn b => new BooleanColumn(b.Name, b.Values.Slice(start, count).ToArray(), Nulls(b.Nulls, start, count), count),
        StringColumn s => new StringColumn(s.Name, s.Values.Slice(start, count).ToArray(), count, s.Kind),
        _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.GetType().Name} cannot be sliced."),
    };

    private static bool[]? Nulls(ReadOnlySpan<bool> nulls, int start, int count) => nulls.IsEmpty ? null : nulls.Slice(start, count).ToArray();
}
