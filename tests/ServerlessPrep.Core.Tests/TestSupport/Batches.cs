using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;

namespace ServerlessPrep.Core.Tests.TestSupport;

/// <summary>Small column and batch builders for tests.</summary>
internal static class Batches
{
    public static DoubleColumn Doubles(string name, params double?[] values) =>
        new(name, [.. values.Select(v => v ?? 0)], values.Any(v => v is null) ? [.. values.Select(v => v is null)] : null, values.Length);

    public static Int64Column Longs(string name, params long?[] values) =>
        new(name, [.. values.Select(v => v ?? 0)], values.Any(v => v is null) ? [.. values.Select(v => v is null)] : null, values.Length);

    public static StringColumn Strings(string name, params string?[] values) => new(name, values, values.Length);

    public static BooleanColumn Bools(string name, params bool?[] values) =>
        new(name, [.. values.Select(v => v ?? false)], values.Any(v => v is null) ? [.. values.Select(v => v is null)] : null, values.Length);

    public static Int64Column Times(string name, params DateTime?[] values) =>
        new(name, [.. values.Select(v => v is null ? 0 : TimeUnits.FromDateTime(v.Value))], values.Any(v => v is null) ? [.. values.Select(v => v is null)] : null, values.Length, DataKind.Timestamp);

    public static RowBatch Batch(params Column[] columns) => Batch(0, columns);

    public static RowBatch Batch(long firstRowIndex, params Column[] columns) =>
        new(Schema(columns), columns, columns.Length == 0 ? 0 : columns[0].Length, firstRowIndex);

    public static BatchSchema Schema(params Column[] columns) => new(columns.Select(c => new ColumnSchema(c.Name, c.Kind)));

    /// <summary>Exact statistics of every column of a batch.</summary>
    public static Dictionary<string, IColumnStatistics> Stats(RowBatch batch)
    {
        var stats = new Dictionary<string, IColumnStatistics>(StringComparer.Ordinal);
        foreach (var c in batch.Columns)
        {
            stats[c.Name] = c switch
            {
                StringColumn s => ExactColumnStatistics.Texts(c.Name, [.. s.Values]),
                Int64Column { Kind: not DataKind.Int64 } t => ExactColumnStatistics.Times(c.Name, [.. Enumerable.Range(0, t.Length).Select(i => (DateTime?)t.GetValue(i))]),
                _ => ExactColumnStatistics.Numbers(c.Name, [.. Enumerable.Range(0, c.Length).Select(i => c.GetValue(i) is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : (double?)null)]),
            };
        }

        return stats;
    }

    public static double[] Values(RowBatch batch, string column) => ((DoubleColumn)batch[column]).Values.ToArray();

    public static string?[] Texts(RowBatch batch, string column) => ((StringColumn)batch[column]).Values.ToArray();
}
