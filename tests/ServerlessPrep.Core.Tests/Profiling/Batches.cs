using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Tests.Profiling;

/// <summary>Builds small batches for profile tests.</summary>
internal static class Batches
{
    public static RowBatch Of(params Column[] columns)
    {
        var schema = new BatchSchema(columns.Select(c => new ColumnSchema(c.Name, c.Kind)));
        return new RowBatch(schema, columns, columns.Length == 0 ? 0 : columns[0].Length);
    }

    public static DoubleColumn Doubles(string name, double?[] values) =>
        new(name, values.Select(v => v ?? 0).ToArray(), values.Select(v => v is null).ToArray(), values.Length);

    public static Int64Column Longs(string name, long[] values, DataKind kind = DataKind.Int64) =>
        new(name, values, null, values.Length, kind);

    public static StringColumn Strings(string name, string?[] values) => new(name, values, values.Length);

    public static BooleanColumn Booleans(string name, bool?[] values) =>
        new(name, values.Select(v => v ?? false).ToArray(), values.Select(v => v is null).ToArray(), values.Length);

    /// <summary>A realistic mixed batch: ids, a double with nulls, a 50-value category, emails, 5–20-word text.</summary>
    public static RowBatch Realistic(int rows, int seed, long firstId = 0)
    {
        var random = new Random(seed);
        var ids = new long[rows];
        var amounts = new double[rows];
        var amountNulls = new bool[rows];
        var categories = new string?[rows];
        var emails = new string?[rows];
        var texts = new string?[rows];
        string[] words = ["data", "lake", "parquet", "profile", "sketch", "merge", "quantile", "drift", "feature", "model", "train", "serve"];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = firstId + i;
            amountNulls[i] = random.Next(10) == 0;
            amounts[i] = Math.Round(random.NextDouble() * 500, 2);
            categories[i] = $"category-{random.Next(50)}";
            emails[i] = random.Next(20) == 0 ? null : $"user{random.Next(1_000_000)}@example.com";
            var count = random.Next(5, 21);
            texts[i] = string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
        }

        return Of(
            new Int64Column("id", ids, null, rows),
            new DoubleColumn("amount", amounts, amountNulls, rows),
            new StringColumn("category", categories, rows),
            new StringColumn("email", emails, rows),
            new StringColumn("text", texts, rows));
    }
}
