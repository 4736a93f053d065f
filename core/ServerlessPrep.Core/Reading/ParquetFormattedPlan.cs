using System.Globalization;
using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>A flat field of a value type with no numeric meaning (e.g. UUID), carried as its invariant text.</summary>
internal sealed class ParquetFormattedPlan<T>(ColumnSchema schema, DataField field) : ParquetColumnPlan(schema)
    where T : struct, IFormattable
{
    private T?[] _nullableBuffer = [];
    private T[] _buffer = [];
    private string?[] _values = [];

    public override void Release() => Array.Clear(_values);

    public override async ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        var values = Ensure(ref _values, rowCount);
        if (field.IsNullable)
        {
            var buffer = Ensure(ref _nullableBuffer, rowCount);
            await rowGroup.ReadAsync<T>(field, buffer.AsMemory(0, rowCount), null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < rowCount; i++)
            {
                values[i] = buffer[i]?.ToString(null, CultureInfo.InvariantCulture);
            }
        }
        else
        {
            var buffer = Ensure(ref _buffer, rowCount);
            await rowGroup.ReadAsync<T>(field, buffer.AsMemory(0, rowCount), null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < rowCount; i++)
            {
                values[i] = buffer[i].ToString(null, CultureInfo.InvariantCulture);
            }
        }

        return new StringColumn(Name, values, rowCount);
    }
}
