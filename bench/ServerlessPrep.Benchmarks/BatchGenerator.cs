using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Benchmarks;

/// <summary>Seeded synthetic batches shaped like the realistic partitions the product reads.</summary>
public static class BatchGenerator
{
    private static readonly string[] Words =
    [
        "data", "lake", "parquet", "profile", "sketch", "merge", "quantile", "drift", "feature", "model", "train", "serve",
        "the", "of", "and", "customer", "order", "shipped", "late", "refund", "quality", "great", "poor", "price",
    ];

    /// <summary>Int64 ids, a double with 10 % nulls, a 50-value category, emails (5 % null), 5–20-word text.</summary>
    public static RowBatch Realistic(int rows, int seed)
    {
        var random = new Random(seed);
        var ids = new long[rows];
        var amounts = new double[rows];
        var amountNulls = new bool[rows];
        var categories = new string?[rows];
        var emails = new string?[rows];
        var texts = new string?[rows];
        var categoryValues = Enumerable.Range(0, 50).Select(i => $"category-{i:00}").ToArray();
        var words = new List<string>(20);
        for (var i = 0; i < rows; i++)
        {
            ids[i] = 1_000_000L + i;
            amountNulls[i] = random.Next(10) == 0;
            amounts[i] = Math.Round(Math.Exp(random.NextDouble() * 8), 2);
            categories[i] = categoryValues[random.Next(50)];
            emails[i] = random.Next(20) == 0 ? null : $"user{random.Next(5_000_000)}@example{random.Next(100)}.com";
            words.Clear();
            var count = random.Next(5, 21);
            for (var w = 0; w < count; w++)
            {
                words.Add(Words[random.Next(Words.Length)]);
            }

            texts[i] = string.Join(' ', words);
        }

        ColumnSchema[] schema =
        [
            new("id", DataKind.Int64), new("amount", DataKind.Double), new("category", DataKind.String),
            new("email", DataKind.String), new("text", DataKind.String),
        ];
        Column[] columns =
        [
            new Int64Column("id", ids, null, rows),
            new DoubleColumn("amount", amounts, amountNulls, rows),
            new StringColumn("category", categories, rows),
            new StringColumn("email", emails, rows),
            new StringColumn("text", texts, rows),
        ];
        return new RowBatch(new BatchSchema(schema), columns, rows);
    }
}
