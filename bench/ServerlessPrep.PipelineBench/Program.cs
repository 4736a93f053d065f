using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using ServerlessPrep.Cli.Demo;
using ServerlessPrep.Core.Writing;

namespace ServerlessPrep.PipelineBench;

/// <summary>
/// Whole-process benchmark helpers: <c>generate ROWS FILE [ROW_GROUP]</c> writes the benchmark partition;
/// <c>profile-share FILE [REPEATS]</c> reports the CPU time profiling adds to reading (see <see cref="ProfileShare"/>);
/// <c>duckdb FILE OUT_DIR</c> runs DuckDB (threads=1) on the same work — SUMMARIZE, then transform and COPY to Parquet — and prints its timings;
/// <c>rewrite-duckdb FILE OUT</c> writes the same rows and row groups with DuckDB's page layout;
/// <c>online …</c> times the online-feature collector and store alone (see <see cref="OnlineBench"/>).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["generate", var rows, var path, ..]:
                await GenerateAsync(long.Parse(rows, CultureInfo.InvariantCulture), path, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 250_000);
                return 0;
            case ["profile-share", var path, ..]:
                await ProfileShare.RunAsync(path, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
                return 0;
            case ["duckdb", var path, var outDir]:
                await DuckDbAsync(path, outDir);
                return 0;
            case ["rewrite-duckdb", var path, var output]:
                await RewriteWithDuckDbAsync(path, output);
                return 0;
            case ["online", ..]:
                await OnlineBench.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 90,
                    args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 2_000_000,
                    args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), "bench-online"));
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: generate ROWS FILE [ROW_GROUP] | profile-share FILE [REPEATS] | duckdb FILE OUT_DIR | rewrite-duckdb FILE OUT | online [ENTITIES] [FEATURES] [ROWS] [DIR]");
                return 1;
        }
    }

    private static async Task GenerateAsync(long rows, string path, int rowGroup)
    {
        var generator = new SalesGenerator(seed: 2024, customers: 100_000);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await using var writer = await ParquetBatchWriter.CreateAsync(file, SalesGenerator.Schema, new Dictionary<string, string>(), default);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (long done = 0; done < rows; done += rowGroup)
        {
            var n = (int)Math.Min(rowGroup, rows - done);
            var batch = generator.Next(n, done + 1, start.AddDays(done / (double)rows * 30), TimeSpan.FromDays(30.0 * n / rows), duplicateEvery: 9_973, negativeEvery: 10_007);
            await writer.WriteAsync(batch, default);
        }
    }

    private static async Task DuckDbAsync(string path, string outDir)
    {
        Directory.CreateDirectory(outDir);
        using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await ExecAsync(duck, "SET threads=1;");
        var clock = Stopwatch.StartNew();
        await ExecAsync(duck, $"CREATE TABLE summary AS SELECT * FROM (SUMMARIZE SELECT * FROM read_parquet('{path}'));");
        var summarize = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await ExecAsync(duck, DuckDbTransform.Copy(path, Path.Combine(outDir, "duckdb-features.parquet")));
        var copy = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb_summarize_s={summarize:F3} duckdb_copy_s={copy:F3} duckdb_total_s={summarize + copy:F3}"));
    }

    /// <summary>The same rows and row groups written by DuckDB (snappy, ~1 MB pages) instead of Parquet.Net (one page per column chunk).</summary>
    private static async Task RewriteWithDuckDbAsync(string path, string output)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await ExecAsync(duck, "SET threads=1;");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await ExecAsync(duck, $"COPY (SELECT * FROM read_parquet('{path}')) TO '{output}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 250000);");
    }

    private static async Task ExecAsync(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
