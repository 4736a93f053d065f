using Parquet;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>A field whose values cannot be read: kept in the schema (so counts line up) with every value missing.</summary>
internal sealed class ParquetMissingPlan(ColumnSchema schema) : ParquetColumnPlan(schema)
{
    private string?[] _values = [];

    public override ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        var values = Ensure(ref _values, rowCount);
        return ValueTask.FromResult<Column>(new StringColumn(Name, values, rowCount, Schema.Kind));
    }
}
