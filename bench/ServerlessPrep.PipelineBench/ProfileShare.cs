using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.PipelineBench;

/// <summary>
/// <c>profile-share FILE [REPEATS]</c>: what profiling adds to reading. Reads the partition row group by row group
/// (Parquet, through <see cref="BatchReaderFactory"/>) once without and once with profiling, per repeat, and prints
/// the median process CPU time of each, the share profiling adds, and each column's profiling CPU (thread CPU time
/// around its accumulator's <c>Add</c>). CPU time, not wall time: the machine is shared.
/// </summary>
internal static partial class ProfileShare
{
    /// <summary>Batch size from <c>PROFILE_SHARE_CHUNK_ROWS</c> (default: the reader's), to see what batch size costs the profiler.</summary>
    private static readonly ReaderOptions Options = int.TryParse(Environment.GetEnvironmentVariable("PROFILE_SHARE_CHUNK_ROWS"), out var rows)
        ? ReaderOptions.Default with { ChunkRows = rows }
        : ReaderOptions.Default;

    private const int ClockThreadCpuTime = 3;

    public static async Task RunAsync(string path, int repeats)
    {
        // Warm-up: JIT both paths and bring the file into the page cache.
        await PassAsync(path, profile: false);
        await PassAsync(path, profile: true);

        var readOnly = new List<double>();
        var withProfile = new List<double>();
        var perColumn = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var freeze = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            readOnly.Add((await PassAsync(path, profile: false)).TotalMs);
            var pass = await PassAsync(path, profile: true);
            withProfile.Add(pass.TotalMs);
            freeze.Add(pass.FreezeMs);
            foreach (var (name, ms) in pass.Columns)
            {
                if (!perColumn.TryGetValue(name, out var list))
                {
                    perColumn[name] = list = [];
                }

                list.Add(ms);
            }
        }

        var read = Median(readOnly);
        var both = Median(withProfile);
        var columnsTotal = perColumn.Values.Sum(Median) + Median(freeze);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"file: {path} ({new FileInfo(path).Length / 1_000_000} MB), {repeats} repeats, median process CPU"));
        Console.WriteLine(string.Create(inv, $"read_only_cpu_ms={read:F0} read_profile_cpu_ms={both:F0} share_pct={(both - read) / read * 100:F1}"));
        Console.WriteLine(string.Create(inv, $"profile_thread_cpu_ms={columnsTotal:F0} (sum of per-column Add + freeze) share_pct_by_thread_cpu={columnsTotal / read * 100:F1}"));
        Console.WriteLine(string.Create(inv, $"read_only_cpu_ms_min={readOnly.Min():F0} read_profile_cpu_ms_min={withProfile.Min():F0} profile_thread_cpu_ms_min={perColumn.Values.Sum(l => l.Min()) + freeze.Min():F0}"));
        Console.WriteLine(string.Create(inv, $"{"column",-14} {"profile_ms",10} {"share_pct",9} {"min_ms",8}"));
        foreach (var (name, list) in perColumn)
        {
            var ms = Median(list);
            Console.WriteLine(string.Create(inv, $"{name,-14} {ms,10:F1} {ms / read * 100,9:F2} {list.Min(),8:F1}"));
        }

        Console.WriteLine(string.Create(inv, $"{"(freeze)",-14} {Median(freeze),10:F1} {Median(freeze) / read * 100,9:F2}"));
    }

    private static async Task<PassResult> PassAsync(string path, bool profile)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var columns = new Dictionary<string, double>(StringComparer.Ordinal);
        var accumulators = new Dictionary<string, ColumnProfileAccumulator>(StringComparer.Ordinal);
        double freezeMs = 0;
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false))
        {
            await using var reader = await BatchReaderFactory.OpenAsync(stream, Path.GetFileName(path), InputFormat.Parquet, new CsvOptions(), Options, default);
            await foreach (var batch in reader.ReadBatchesAsync(default))
            {
                if (!profile)
                {
                    continue;
                }

                foreach (var column in batch.Columns)
                {
                    if (!accumulators.TryGetValue(column.Name, out var accumulator))
                    {
                        accumulators[column.Name] = accumulator = new ColumnProfileAccumulator(column.Name, column.Kind);
                        columns[column.Name] = 0;
                    }

                    var t0 = ThreadCpuMs();
                    accumulator.Add(column);
                    columns[column.Name] += ThreadCpuMs() - t0;
                }
            }

            if (profile)
            {
                var t0 = ThreadCpuMs();
                foreach (var accumulator in accumulators.Values)
                {
                    accumulator.Freeze();
                }

                freezeMs = ThreadCpuMs() - t0;
            }
        }

        var total = (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds;
        return new PassResult(total, columns, freezeMs);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double ThreadCpuMs()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var ts) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return ts.Seconds * 1e3 + ts.Nanoseconds / 1e6;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed record PassResult(double TotalMs, Dictionary<string, double> Columns, double FreezeMs);
}
