using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Writing;

namespace ServerlessPrep.Testing;

/// <summary>A small sales partition (Parquet written by the core's writer) and the spec the host is configured with.</summary>
public static class SalesData
{
    /// <summary>Inline YAML, as <c>SERVERLESSPREP_SPEC</c> carries it: entity and event time make online features.</summary>
    public const string Spec = """
        datasets:
          - name: sales
            match: ["sales/**"]
            entity: customer_id
            eventTime: ts
            columns:
              order_id: keep
              amount: standardize
            split: { by: customer_id, salt: e2e, train: 0.5, validation: 0.25, test: 0.25 }
        """;

    public const int Rows = 4;

    public static readonly DateTime Day = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Orders 1–4 of customers a, b, a, c, one hour apart: customer a's latest row is order 3 at 02:00.</summary>
    public static async Task<byte[]> ParquetAsync()
    {
        var schema = new BatchSchema(
        [
            new ColumnSchema("order_id", DataKind.Int64, false),
            new ColumnSchema("customer_id", DataKind.String, false),
            new ColumnSchema("amount", DataKind.Double),
            new ColumnSchema("ts", DataKind.Timestamp, false),
        ]);
        var batch = new RowBatch(schema,
        [
            new Int64Column("order_id", [1, 2, 3, 4], null, Rows),
            new StringColumn("customer_id", ["a", "b", "a", "c"], Rows),
            new DoubleColumn("amount", [10, 20, 30, 40], null, Rows),
            new Int64Column("ts", [.. Enumerable.Range(0, Rows).Select(h => TimeUnits.FromDateTime(Day.AddHours(h)))], null, Rows, DataKind.Timestamp),
        ], Rows);
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetBatchWriter.CreateAsync(buffer, schema, new Dictionary<string, string>(), CancellationToken.None))
        {
            await writer.WriteAsync(batch, CancellationToken.None);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a features file back with Parquet.Net (not the core's reader): row count and the values of one string column.</summary>
    public static async Task<(long Rows, IReadOnlyList<string?> Values)> ReadStringColumnAsync(Stream parquet, string column)
    {
        await using var reader = await ParquetReader.CreateAsync(parquet);
        var field = reader.Schema.Fields.OfType<DataField>().Single(f => f.Name == column);
        var values = new List<string?>();
        long rows = 0;
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var rowGroup = reader.OpenRowGroupReader(i);
            var buffer = new string?[rowGroup.RowCount];
            await rowGroup.ReadAsync(field, buffer.AsMemory()!, null, CancellationToken.None);
            values.AddRange(buffer);
            rows += rowGroup.RowCount;
        }

        return (rows, values);
    }
}
