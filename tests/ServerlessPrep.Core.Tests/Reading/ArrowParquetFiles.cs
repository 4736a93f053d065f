using System.Collections.Concurrent;
using ParquetSharp;

namespace ServerlessPrep.Core.Tests.Reading;

/// <summary>
/// Files written by Apache Arrow's C++ Parquet writer (through ParquetSharp), the one writer here that can be told to cut column
/// chunks into many small pages, write data pages v2, and fall back from dictionary to PLAIN in the middle of a chunk.
/// DuckDB and Parquet.Net write one data page per column chunk.
/// Every value is a function of the row's index in the file (<see cref="Expected"/>), so tests can check values without a reader.
/// </summary>
internal static class ArrowParquetFiles
{
    public static readonly string[] Colors = ["red", "green", "blue", "amber", "violet"];

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Cache = new(StringComparer.Ordinal);

    /// <summary>The columns, in file order.</summary>
    public static readonly string[] Names =
        ["id", "n_long", "n_int", "d", "n_double", "n_float", "b", "n_bool", "s_dict", "s_plain", "s_fallback", "ts", "n_short", "n_sbyte", "n_uint", "n_ulong", "day"];

    public sealed record Recipe(
        Compression Compression = Compression.Snappy,
        ParquetDataPageVersion PageVersion = ParquetDataPageVersion.V1,
        int[]? RowGroups = null,
        long PageBytes = 1024,
        long WriteBatch = 100,
        long DictionaryPageLimit = 4096,
        bool Booleans = true)
    {
        public string[] Columns => Booleans ? Names : [.. Names.Where(n => n is not ("b" or "n_bool"))];

        public int[] Groups => RowGroups ?? [3000, 3000, 4000];

        public override string ToString() => $"{Compression}/{PageVersion}/[{string.Join(',', Groups)}]/page {PageBytes}/batch {WriteBatch}/dict {DictionaryPageLimit}/bool {Booleans}";
    }

    public static byte[] Write(Recipe recipe) => Cache.GetOrAdd(recipe.ToString(), _ => new Lazy<byte[]>(() => WriteNow(recipe))).Value;

    /// <summary>The value of <paramref name="column"/> in row <paramref name="i"/> as the batch reader should return it.</summary>
    public static object? Expected(string column, int i) => column switch
    {
        "id" => i * 3L - 7000,
        "n_long" => i % 7 == 0 ? null : i * 1_000_000_007L,
        "n_int" => i % 5 == 0 ? null : (long)(i * 37 - 50_000),
        "d" => i * 0.5 - 33.25,
        "n_double" => i % 11 == 0 ? null : i % 97 == 0 ? double.NaN : Math.Sqrt(i),
        "n_float" => i % 6 == 0 ? null : (double)(i / 4f),
        "b" => i % 3 == 0,
        "n_bool" => i % 4 == 0 ? null : i % 2 == 0,
        "s_dict" => i % 9 == 0 ? null : Colors[i % Colors.Length],
        "s_plain" => i % 13 == 0 ? string.Empty : $"row-{i}-ünï✓-{(long)i * i}",
        "s_fallback" => i % 10 == 3 ? null : $"value-{i % 2000:D5}",
        "ts" => i % 10 == 0 ? null : DateTime.UnixEpoch.AddTicks(((i * 1_234_567L) - 86_400_000_000L) * 10),
        "n_short" => i % 9 == 4 ? null : (long)(short)(i * 7),
        "n_sbyte" => i % 9 == 5 ? null : (long)(sbyte)i,
        "n_uint" => i % 9 == 6 ? null : i * 429_000L,
        "n_ulong" => i % 9 == 7 || i % 1000 == 998 ? null : i * 3L, // i % 1000 == 998 holds ulong.MaxValue: unparsed, read as missing
        "day" => i % 9 == 8 ? null : new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i * 3),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    private static byte[] WriteNow(Recipe recipe)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pagetests-{Guid.NewGuid():N}.parquet");
        try
        {
            Column[] all =
            [
                new Column<long>("id"), new Column<long?>("n_long"), new Column<int?>("n_int"), new Column<double>("d"),
                new Column<double?>("n_double"), new Column<float?>("n_float"), new Column<bool>("b"), new Column<bool?>("n_bool"),
                new Column<string>("s_dict"), new Column<string>("s_plain"), new Column<string>("s_fallback"), new Column<DateTime?>("ts"),
                new Column<short?>("n_short"), new Column<sbyte?>("n_sbyte"), new Column<uint?>("n_uint"), new Column<ulong?>("n_ulong"), new Column<DateOnly?>("day"),
            ];
            var columns = all.Where(c => recipe.Columns.Contains(c.Name)).ToArray();
            using var builder = new WriterPropertiesBuilder();
            if (recipe.Compression is Compression.Brotli or Compression.Gzip or Compression.Zstd)
            {
                builder.CompressionLevel(1); // the defaults (brotli 11) are slow to write
            }

            using var properties = builder
                .Compression(recipe.Compression)
                .DataPageVersion(recipe.PageVersion)
                .DataPagesize(recipe.PageBytes)
                .WriteBatchSize(recipe.WriteBatch)
                .DictionaryPagesizeLimit(recipe.DictionaryPageLimit)
                .EnableDictionary()
                .DisableDictionary("s_plain")
                .DisableDictionary("id")
                .Build();
            using (var file = new ParquetFileWriter(path, columns, properties))
            {
                var start = 0;
                foreach (var rows in recipe.Groups)
                {
                    using var group = file.AppendRowGroup();
                    Column<long>(group, "id", start, rows, i => (long)Expected("id", i)!);
                    Column<long?>(group, "n_long", start, rows, i => (long?)Expected("n_long", i));
                    Column<int?>(group, "n_int", start, rows, i => (int?)(long?)Expected("n_int", i));
                    Column<double>(group, "d", start, rows, i => (double)Expected("d", i)!);
                    Column<double?>(group, "n_double", start, rows, i => (double?)Expected("n_double", i));
                    Column<float?>(group, "n_float", start, rows, i => i % 6 == 0 ? null : i / 4f);
                    if (recipe.Booleans)
                    {
                        Column<bool>(group, "b", start, rows, i => (bool)Expected("b", i)!);
                        Column<bool?>(group, "n_bool", start, rows, i => (bool?)Expected("n_bool", i));
                    }

                    Column<string?>(group, "s_dict", start, rows, i => (string?)Expected("s_dict", i));
                    Column<string?>(group, "s_plain", start, rows, i => (string?)Expected("s_plain", i));
                    Column<string?>(group, "s_fallback", start, rows, i => (string?)Expected("s_fallback", i));
                    Column<DateTime?>(group, "ts", start, rows, i => (DateTime?)Expected("ts", i));
                    Column<short?>(group, "n_short", start, rows, i => (short?)(long?)Expected("n_short", i));
                    Column<sbyte?>(group, "n_sbyte", start, rows, i => (sbyte?)(long?)Expected("n_sbyte", i));
                    Column<uint?>(group, "n_uint", start, rows, i => (uint?)(long?)Expected("n_uint", i));
                    Column<ulong?>(group, "n_ulong", start, rows, i => i % 1000 == 998 ? ulong.MaxValue : (ulong?)(long?)Expected("n_ulong", i));
                    Column<DateOnly?>(group, "day", start, rows, i => Expected("day", i) is DateTime d ? DateOnly.FromDateTime(d) : null);
                    start += rows;
                }

                file.Close();
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Column<T>(RowGroupWriter group, string name, int start, int rows, Func<int, T> value)
    {
        using var column = group.NextColumn();
        Assert.Equal(name, column.ColumnDescriptor.Name);
        using var writer = column.LogicalWriter<T>();
        var values = new T[rows];
        for (var r = 0; r < rows; r++)
        {
            values[r] = value(start + r);
        }

        writer.WriteBatch(values);
    }
}
