using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// A flat, non-repeated field of an unmanaged type, converted to long, double or bool. Read as present values plus definition
/// levels into reused arrays (no nullable copy of the chunk).
/// </summary>
internal sealed class ParquetPrimitivePlan<TSource, TTarget, TConverter>(ColumnSchema schema, DataField field) : ParquetColumnPlan(schema)
    where TSource : struct
    where TTarget : unmanaged
    where TConverter : IParquetValueConverter<TSource, TTarget>
{
    private TSource[] _buffer = [];
    private int[] _levels = [];
    private TTarget[] _values = [];
    private bool[] _nulls = [];

    public override async ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        var values = Ensure(ref _values, rowCount);
        var nulls = Ensure(ref _nulls, rowCount);
        var anyNull = false;
        var buffer = Ensure(ref _buffer, rowCount);
        if (field.MaxDefinitionLevel > 0)
        {
            var levels = Ensure(ref _levels, rowCount);
            await rowGroup.ReadRawAsync<TSource>(field, buffer.AsMemory(0, rowCount), levels.AsMemory(0, rowCount), null, cancellationToken).ConfigureAwait(false);
            var next = 0;
            for (var i = 0; i < rowCount; i++)
            {
                if (levels[i] < field.MaxDefinitionLevel)
                {
                    values[i] = default;
                    nulls[i] = true;
                    anyNull = true;
                }
                else
                {
                    anyNull |= !Convert(buffer[next++], i);
                }
            }
        }
        else
        {
            await rowGroup.ReadRawAsync<TSource>(field, buffer.AsMemory(0, rowCount), null, null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < rowCount; i++)
            {
                anyNull |= !Convert(buffer[i], i);
            }
        }

        return CreateColumn(rowCount, anyNull);

        bool Convert(TSource source, int row)
        {
            if (TConverter.TryConvert(source, out values[row]))
            {
                nulls[row] = false;
                return true;
            }

            values[row] = default;
            nulls[row] = true;
            diagnostics.AddUnparsed(Name, firstRow + row + 1, source.ToString());
            return false;
        }
    }

    private Column CreateColumn(int rowCount, bool anyNull)
    {
        var nulls = anyNull ? _nulls : null;
        if (typeof(TTarget) == typeof(long))
        {
            return new Int64Column(Name, (long[])(object)_values, nulls, rowCount, Schema.Kind);
        }

        if (typeof(TTarget) == typeof(double))
        {
            return new DoubleColumn(Name, (double[])(object)_values, nulls, rowCount);
        }

        if (typeof(TTarget) == typeof(bool))
        {
            return new BooleanColumn(Name, (bool[])(object)_values, nulls, rowCount);
        }

        throw new NotSupportedException($"No column type stores {typeof(TTarget)}.");
    }
}
