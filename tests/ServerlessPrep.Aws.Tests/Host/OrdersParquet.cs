using Parquet;
using Parquet.Schema;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>A small orders partition written with Parquet.Net directly, and the featurized output read back the same way.</summary>
internal static class OrdersParquet
{
    public const string Spec = """
        datasets:
          - name: orders
            match: ["orders/**"]
            entity: customer_id
            eventTime: ts
            columns:
              order_id: keep
              amount: standardize
            split: { by: customer_id, salt: e2e }
        """;

    public static readonly string[] Customers = ["a", "b", "a", "c"];

    private static readonly DataField<long> OrderId = new("order_id");
    private static readonly DataField<string> CustomerId = new("customer_id");
    private static readonly DataField<double> Amount = new("amount");
    private static readonly DateTimeDataField Ts = new("ts", DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Millis);

    public static async Task<byte[]> WriteAsync()
    {
        var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(OrderId, CustomerId, Amount, Ts), buffer))
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(OrderId, new long[] { 1, 2, 3, 4 });
            await rowGroup.WriteAsync(CustomerId, Customers);
            await rowGroup.WriteAsync<double>(Amount, new[] { 1.0, 2.0, 3.0, 4.0 });
            await rowGroup.WriteAsync<DateTime>(Ts, Enumerable.Range(0, 4).Select(h => day.AddHours(h)).ToArray());
            rowGroup.CompleteValidate();
        }

        return buffer.ToArray();
    }

    /// <summary>Row count and the values of the <c>split</c> column (null when there is no such column).</summary>
    public static async Task<(long Rows, string[]? Splits)> ReadFeaturesAsync(byte[] parquet)
    {
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(parquet));
        var split = reader.Schema.GetDataFields().SingleOrDefault(f => f.Name == "split");
        long rows = 0;
        var splits = new List<string>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rowGroup = reader.OpenRowGroupReader(g);
            rows += rowGroup.RowCount;
            if (split is not null)
            {
                var values = new string?[rowGroup.RowCount];
                await rowGroup.ReadAsync(split, values.AsMemory());
                splits.AddRange(values.Select(v => v ?? "<null>"));
            }
        }

        return (rows, split is null ? null : splits.ToArray());
    }
}
