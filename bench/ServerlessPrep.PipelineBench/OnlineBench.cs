using System.Diagnostics;
using System.Globalization;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Local;

namespace ServerlessPrep.PipelineBench;

/// <summary>
/// <c>online [ENTITIES] [FEATURES] [ROWS] [DIR]</c>: the online-feature path alone on synthetic data — collect the latest row per
/// entity over ROWS rows (64k-row feature batches, uniformly random entities, rising event times), then write to a fresh SQLite
/// store (inserts), again from a newer object (updates) and from an older one (every write refused). Prints CPU and wall per phase.
/// </summary>
internal static class OnlineBench
{
    private const int BatchRows = 65_536;

    public static async Task RunAsync(int entities, int features, long rows, string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var ids = Enumerable.Range(0, entities).Select(i => string.Create(CultureInfo.InvariantCulture, $"C{i:D6}")).ToArray();
        using var kv = new SqliteKeyValueStore(Path.Combine(dir, "state.db"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"online: {entities:N0} entities x {features} features, {rows:N0} rows"));
        await PhaseAsync("insert", kv, ids, features, rows, startMicros: 0);
        await PhaseAsync("update", kv, ids, features, rows, startMicros: 10 * TimeUnits.MicrosPerDay);
        await PhaseAsync("refused", kv, ids, features, rows, startMicros: -10 * TimeUnits.MicrosPerDay);
        await ServeAsync(kv, ids);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"online db: {new FileInfo(kv.DatabasePath).Length / 1e6:F1} MB + wal {WalBytes(kv.DatabasePath) / 1e6:F1} MB"));
    }

    private static async Task PhaseAsync(string name, SqliteKeyValueStore kv, string[] ids, int features, long rows, long startMicros)
    {
        var collector = new OnlineFeatureCollector("bench", "customer_id", "ts");
        var random = new Random(42);
        var entity = new string?[BatchRows];
        var times = new long[BatchRows];
        var values = Enumerable.Range(0, features).Select(_ => new double[BatchRows]).ToArray();
        var nulls = new bool[BatchRows];
        var schema = new BatchSchema(new[] { new ColumnSchema("customer_id", DataKind.String), new ColumnSchema("ts", DataKind.Timestamp) }
            .Concat(Enumerable.Range(0, features).Select(f => new ColumnSchema($"f{f:D3}", DataKind.Double))));
        var collect = TimeSpan.Zero;
        var collectCpu = TimeSpan.Zero;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (long done = 0; done < rows; done += BatchRows)
        {
            var n = (int)Math.Min(BatchRows, rows - done);
            for (var r = 0; r < n; r++)
            {
                entity[r] = ids[random.Next(ids.Length)];
                times[r] = startMicros + (done + r) * 1_000;
                nulls[r] = random.Next(50) == 0;
            }

            for (var f = 0; f < features; f++)
            {
                var column = values[f];
                for (var r = 0; r < n; r++)
                {
                    column[r] = f + r * 1e-3;
                }
            }

            var columns = new List<Column> { new StringColumn("customer_id", entity, n), new Int64Column("ts", times, null, n, DataKind.Timestamp) };
            columns.AddRange(values.Select((v, f) => (Column)new DoubleColumn($"f{f:D3}", v, f == 0 ? nulls : null, n)));
            var batch = new RowBatch(schema, columns, n, done);
            var clock = Stopwatch.StartNew();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            collector.Add(batch);
            collectCpu += Process.GetCurrentProcess().TotalProcessorTime - before;
            collect += clock.Elapsed;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var written = await collector.WriteAsync(kv, $"bench/{name}.parquet", CancellationToken.None);
        var writeWall = wall.Elapsed;
        var writeCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var held = collector.HeldBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"online {name,-8} collect {collect.TotalSeconds,6:F2} s wall {collectCpu.TotalSeconds,6:F2} s cpu (alloc {allocated / 1048576.0,6:F1} MiB, collector holds {held / 1048576.0,6:F1} MiB)  write {writeWall.TotalSeconds,6:F2} s wall {writeCpu.TotalSeconds,6:F2} s cpu  written {written:N0}"));
    }

    /// <summary>Reads every entity back through <see cref="OnlineFeatureReader"/>, 1,000 per batched read.</summary>
    private static async Task ServeAsync(SqliteKeyValueStore kv, string[] ids)
    {
        var reader = new OnlineFeatureReader(kv);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var found = 0;
        foreach (var chunk in ids.Chunk(1_000))
        {
            found += (await reader.GetManyAsync("bench", chunk)).Count(r => r is not null);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"online serve    {found:N0} rows in {wall.Elapsed.TotalSeconds:F2} s wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s cpu (batches of 1,000)"));
    }

    private static long WalBytes(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;
}
