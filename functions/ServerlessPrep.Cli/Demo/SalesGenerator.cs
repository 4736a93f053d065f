using System.Globalization;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Cli.Demo;

/// <summary>
/// Realistic order rows, deterministic for a seed: int64 ids, ~100k-customer ids, timestamps, an amount with ~2 % nulls and outliers
/// (and a few negatives), a nullable quantity, a ~50-value category, a ~30-value country, a unique-ish email, 5–20-word notes and a
/// boolean label. Used by the demo lake and by the benchmark partition.
/// </summary>
internal sealed class SalesGenerator(int seed, int customers = 100_000)
{
    private static readonly string[] Words =
    [
        "fast", "delivery", "great", "quality", "broken", "box", "late", "refund", "gift", "colour", "size", "fits", "cheap", "price",
        "support", "helpful", "again", "order", "item", "missing", "perfect", "would", "buy", "return", "damaged", "happy", "slow",
        "shipping", "excellent", "value", "poor", "material", "small", "large", "works", "fine", "recommend", "never", "always", "good",
    ];

    private static readonly string[] Countries =
    [
        "DE", "FR", "GB", "US", "CA", "ES", "IT", "NL", "BE", "AT", "CH", "SE", "NO", "DK", "FI", "PL", "CZ", "PT", "IE", "GR",
        "JP", "KR", "AU", "NZ", "BR", "MX", "AR", "IN", "ZA", "SG",
    ];

    private readonly Random _random = new(seed);

    public static BatchSchema Schema { get; } = new(
    [
        new ColumnSchema("order_id", DataKind.Int64, false),
        new ColumnSchema("customer_id", DataKind.String, false),
        new ColumnSchema("ts", DataKind.Timestamp, false),
        new ColumnSchema("amount", DataKind.Double),
        new ColumnSchema("quantity", DataKind.Int64),
        new ColumnSchema("category", DataKind.String),
        new ColumnSchema("country", DataKind.String),
        new ColumnSchema("email", DataKind.String),
        new ColumnSchema("note", DataKind.String),
        new ColumnSchema("is_returned", DataKind.Boolean, false),
    ]);

    /// <param name="firstOrderId">Order id of the first row; ids then increase by one.</param>
    /// <param name="start">Time of the first row; rows are spread over <paramref name="span"/>.</param>
    /// <param name="duplicateEvery">Every n-th row repeats the previous order id (0 = never), to exercise de-duplication.</param>
    public RowBatch Next(int rows, long firstOrderId, DateTime start, TimeSpan span, int duplicateEvery = 0, int negativeEvery = 0)
    {
        var orderIds = new long[rows];
        var customerIds = new string?[rows];
        var ts = new long[rows];
        var amount = new double[rows];
        var amountNull = new bool[rows];
        var quantity = new long[rows];
        var quantityNull = new bool[rows];
        var category = new string?[rows];
        var country = new string?[rows];
        var email = new string?[rows];
        var note = new string?[rows];
        var returned = new bool[rows];
        var startMicros = TimeUnits.FromDateTime(start);
        var spanMicros = (long)(span.TotalMilliseconds * 1000);
        for (var i = 0; i < rows; i++)
        {
            orderIds[i] = duplicateEvery > 0 && i > 0 && i % duplicateEvery == 0 ? orderIds[i - 1] : firstOrderId + i;
            var customer = Zipfish(customers);
            customerIds[i] = string.Create(CultureInfo.InvariantCulture, $"C{customer:D6}");
            ts[i] = startMicros + (long)(spanMicros * ((double)i / rows));
            amountNull[i] = _random.NextDouble() < 0.02;
            amount[i] = _random.NextDouble() < 0.005 ? 5_000 + _random.NextDouble() * 50_000 : Math.Round(Math.Exp(3 + _random.NextDouble() * 2), 2);
            if (negativeEvery > 0 && i % negativeEvery == negativeEvery - 1)
            {
                amount[i] = -amount[i];
                amountNull[i] = false;
            }

            quantityNull[i] = _random.NextDouble() < 0.05;
            quantity[i] = 1 + _random.Next(10);
            category[i] = string.Create(CultureInfo.InvariantCulture, $"cat_{Zipfish(50):D2}");
            country[i] = Countries[Zipfish(Countries.Length) - 1];
            email[i] = string.Create(CultureInfo.InvariantCulture, $"user{customer}.{_random.Next(1000)}@example{_random.Next(20)}.com");
            note[i] = Sentence(5 + _random.Next(16));
            returned[i] = _random.NextDouble() < 0.1;
        }

        return new RowBatch(Schema,
        [
            new Int64Column("order_id", orderIds, null, rows),
            new StringColumn("customer_id", customerIds, rows),
            new Int64Column("ts", ts, null, rows, DataKind.Timestamp),
            new DoubleColumn("amount", amount, amountNull, rows),
            new Int64Column("quantity", quantity, quantityNull, rows),
            new StringColumn("category", category, rows),
            new StringColumn("country", country, rows),
            new StringColumn("email", email, rows),
            new StringColumn("note", note, rows),
            new BooleanColumn("is_returned", returned, null, rows),
        ], rows);
    }

    /// <summary>1..n, skewed towards small values (roughly Zipf-like) without a lookup table.</summary>
    private int Zipfish(int n) => Math.Min(n, 1 + (int)(n * Math.Pow(_random.NextDouble(), 2.5)));

    private string Sentence(int words)
    {
        var parts = new string[words];
        for (var i = 0; i < words; i++)
        {
            parts[i] = Words[_random.Next(Words.Length)];
        }

        return string.Join(' ', parts);
    }
}
