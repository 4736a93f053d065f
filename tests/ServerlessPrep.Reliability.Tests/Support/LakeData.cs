using System.Globalization;
using System.Text;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Writing;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>
/// Small generated objects for three datasets: <c>orders</c> and <c>sensors</c> (Parquet) and <c>clicks</c> (CSV).
/// Event times are unique across all objects (object index × 1000 + row seconds), so "latest row per entity" has one answer
/// whatever order the objects are processed in.
/// </summary>
internal static class LakeData
{
    public const int Entities = 12;

    public static readonly string[] Datasets = ["orders", "clicks", "sensors"];

    private static readonly DateTime Base = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The spec as YAML (the SIGKILL chaos test hands it to its worker processes).</summary>
    public const string SpecYaml = """
        datasets:
          - name: orders
            match: ["orders/**"]
            entity: customer_id
            eventTime: ts
            columns:
              order_id: keep
              amount: standardize
            split: { by: customer_id, salt: r }
          - name: clicks
            match: ["clicks/**"]
            entity: user_id
            eventTime: ts
            columns:
              duration: standardize
            split: { by: user_id, salt: r }
          - name: sensors
            match: ["sensors/**"]
            entity: customer_id
            eventTime: ts
            columns:
              amount: minmax
            split: { by: customer_id, salt: r }
        """;

    public static SpecSet Specs { get; } = SpecParser.Parse(SpecYaml, "reliability.yaml");

    public static string Key(int index, string? dataset = null)
    {
        dataset ??= Datasets[index % Datasets.Length];
        var extension = dataset == "clicks" ? "csv" : "parquet";
        return $"{dataset}/date=2024-01-{1 + (index % 28):D2}/part-{index:D5}.{extension}";
    }

    public static string Entity(string dataset, int i) => (dataset == "clicks" ? "u" : "c") + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The content of object <paramref name="index"/> (version <paramref name="version"/> differs in its values).</summary>
    public static async Task<byte[]> ContentAsync(string key, int index, int version = 1)
    {
        var random = new Random(HashCode.Combine(index, version, 17) & int.MaxValue);
        var rows = 3 + random.Next(20);
        return key.EndsWith(".csv", StringComparison.Ordinal) ? Clicks(random, index, rows) : await OrdersAsync(random, index, rows);
    }

    public static DateTime EventTime(int index, int row) => Base.AddSeconds((index * 1000L) + row);

    private static byte[] Clicks(Random random, int index, int rows)
    {
        var text = new StringBuilder("user_id,ts,duration,page\n");
        for (var r = 0; r < rows; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"u{random.Next(Entities):D2},{EventTime(index, r):yyyy-MM-ddTHH:mm:ssZ},{random.Next(1, 500)},/p{random.Next(5)}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<byte[]> OrdersAsync(Random random, int index, int rows)
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
            new Int64Column("order_id", Enumerable.Range(0, rows).Select(r => (index * 1000L) + r).ToArray(), null, rows),
            new StringColumn("customer_id", Enumerable.Range(0, rows).Select(_ => "c" + random.Next(Entities).ToString("D2", CultureInfo.InvariantCulture)).ToArray(), rows),
            new DoubleColumn("amount", Enumerable.Range(0, rows).Select(_ => Math.Round(random.NextDouble() * 100, 2)).ToArray(), null, rows),
            new Int64Column("ts", Enumerable.Range(0, rows).Select(r => TimeUnits.FromDateTime(EventTime(index, r))).ToArray(), null, rows, DataKind.Timestamp),
        ], rows);
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetBatchWriter.CreateAsync(buffer, schema, new Dictionary<string, string>(), default))
        {
            await writer.WriteAsync(batch, default);
        }

        return buffer.ToArray();
    }
}
