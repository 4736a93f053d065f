using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>A flat UTF-8 string field. Parquet.Net fills a caller-owned <see cref="string"/> buffer that is reused per row group.</summary>
internal sealed class ParquetStringPlan(ColumnSchema schema, DataField field) : ParquetColumnPlan(schema)
{
    private string?[] _values = [];

    public override async ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        var values = Ensure(ref _values, rowCount);
        await rowGroup.ReadAsync(field, values.AsMemory(0, rowCount)!, null, cancellationToken).ConfigureAwait(false);
        return new StringColumn(Name, values, rowCount);
    }
}
