using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>A flat BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY field without a string annotation, carried as base64 text.</summary>
internal sealed class ParquetBinaryPlan(ColumnSchema schema, DataField field) : ParquetColumnPlan(schema)
{
    private byte[]?[] _bytes = [];
    private string?[] _values = [];

    public override void Release() => Array.Clear(_values);

    public override async ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        var bytes = Ensure(ref _bytes, rowCount);
        var values = Ensure(ref _values, rowCount);
        await rowGroup.ReadAsync(field, bytes.AsMemory(0, rowCount)!, null, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rowCount; i++)
        {
            values[i] = bytes[i] is { } b ? Convert.ToBase64String(b) : null;
            bytes[i] = null;
        }

        return new StringColumn(Name, values, rowCount);
    }
}
