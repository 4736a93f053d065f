using System.Collections.Concurrent;
using ParquetSharp;

namespace ServerlessPrep.Core.Tests.Reading;

/// <summary>
/// Columns at the edges of the page decoder, written by Arrow (ParquetSharp): dictionaries of one value (bit width 0), chunks
/// with no values at all, pages holding only nulls, strings that are not valid UTF-8 (some split across two values), and
/// timestamps in milliseconds and nanoseconds (with sub-microsecond parts before 1970).
/// </summary>
internal static class ArrowEdgeFiles
{
    public static readonly string[] Names =
        ["const_s", "const_l", "all_null_s", "all_null_l", "mostly_null", "bad_utf8_dict", "bad_utf8_plain", "ts_ms", "ts_ns"];

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Cache = new(StringComparer.Ordinal);

    /// <summary>Byte strings that are not valid UTF-8, or only together with their neighbour (a lead byte ends one value, its continuation starts the next).</summary>
    private static readonly byte[][] Utf8Bytes =
    [
        [(byte)'o', (byte)'k', 0xE2, 0x82], // € cut after two of its three bytes
        [0xAC, (byte)'-', (byte)'x'], // … and its last byte starting the next value
        [0xC0, 0xAF], // overlong '/'
        [0xED, 0xA0, 0x80], // a UTF-16 surrogate encoded in UTF-8
        [0xFF, 0xFE, (byte)'z'],
        [],
        [0xF0, 0x9F, 0x99, 0x82], // 🙂, valid
        [(byte)'a', 0x80, (byte)'b'],
    ];

    public static byte[] Write(Compression compression, ParquetDataPageVersion version)
        => Cache.GetOrAdd($"{compression}/{version}", _ => new Lazy<byte[]>(() => WriteNow(compression, version))).Value;

    public static object? Expected(string column, int i) => column switch
    {
        "const_s" => "same",
        "const_l" => 42L,
        "all_null_s" or "all_null_l" => null,
        "mostly_null" => i % 1000 == 7 ? i * 11L : null,
        "bad_utf8_dict" or "bad_utf8_plain" => i % 17 == 16 ? null : System.Text.Encoding.UTF8.GetString(Utf8Bytes[i % Utf8Bytes.Length]),
        "ts_ms" => DateTime.UnixEpoch.AddTicks(MillisOf(i) * 10_000),
        "ts_ns" => i % 5 == 0 ? null : DateTime.UnixEpoch.AddTicks(NanosOf(i) / 1000 * 10), // whole microseconds, truncated toward zero
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    private static long MillisOf(int i) => (i * 86_400_013L) - 1_000_000_000_000L;

    private static long NanosOf(int i) => (i * 1_000_000_777L) - 4_000_000_000_123L;

    private static byte[] WriteNow(Compression compression, ParquetDataPageVersion version)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pagetests-{Guid.NewGuid():N}.parquet");
        try
        {
            Column[] columns =
            [
                new Column<string>("const_s"), new Column<long>("const_l"), new Column<string>("all_null_s"), new Column<long?>("all_null_l"),
                new Column<long?>("mostly_null"), new Column<byte[]>("bad_utf8_dict", LogicalType.String()),
                new Column<byte[]>("bad_utf8_plain", LogicalType.String()), new Column<DateTime>("ts_ms", LogicalType.Timestamp(true, TimeUnit.Millis)),
                new Column<DateTimeNanos?>("ts_ns"),
            ];
            using var properties = new WriterPropertiesBuilder()
                .Compression(compression)
                .DataPageVersion(version)
                .DataPagesize(512)
                .WriteBatchSize(50)
                .EnableDictionary()
                .DisableDictionary("bad_utf8_plain")
                .Build();
            using (var file = new ParquetFileWriter(path, columns, properties))
            {
                var start = 0;
                foreach (var rows in new[] { 2500, 1500 })
                {
                    using var group = file.AppendRowGroup();
                    Write(group, start, rows, i => "same");
                    Write(group, start, rows, i => 42L);
                    Write(group, start, rows, i => (string?)null);
                    Write(group, start, rows, i => (long?)null);
                    Write(group, start, rows, i => (long?)Expected("mostly_null", i));
                    Write(group, start, rows, i => i % 17 == 16 ? null : Utf8Bytes[i % Utf8Bytes.Length]);
                    Write(group, start, rows, i => i % 17 == 16 ? null : Utf8Bytes[i % Utf8Bytes.Length]);
                    Write(group, start, rows, i => DateTime.UnixEpoch.AddTicks(MillisOf(i) * 10_000));
                    Write(group, start, rows, i => i % 5 == 0 ? (DateTimeNanos?)null : new DateTimeNanos(NanosOf(i)));
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

    private static void Write<T>(RowGroupWriter group, int start, int rows, Func<int, T> value)
    {
        using var column = group.NextColumn();
        using var writer = column.LogicalWriter<T>();
        var values = new T[rows];
        for (var r = 0; r < rows; r++)
        {
            values[r] = value(start + r);
        }

        writer.WriteBatch(values);
    }
}
