using System.Diagnostics;
using BenchmarkDotNet.Running;
using ServerlessPrep.Core.Profiling;

namespace ServerlessPrep.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>-- --filter *Profil* --job short</c>;
/// <c>-- quick</c> prints a stopwatch timing per column instead (a smoke check, not a measurement).
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["quick"])
        {
            Quick();
            return;
        }

        if (args is ["sketches"])
        {
            QuickSketches();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Quick()
    {
        var batch = BatchGenerator.Realistic(250_000, 1);
        for (var round = 0; round < 10; round++)
        {
            foreach (var column in batch.Columns)
            {
                var (watch, cpu) = Start();
                var accumulator = new ColumnProfileAccumulator(column.Name, column.Kind);
                accumulator.Add(column);
                accumulator.Freeze();
                Report(column.Name, watch, cpu);
            }

            var (allWatch, allCpu) = Start();
            var profiler = new ObjectProfiler();
            profiler.Add(batch);
            profiler.ToProfile();
            Report("all", allWatch, allCpu);
        }
    }

    private static void QuickSketches()
    {
        var bench = new SketchUpdateBenchmarks();
        bench.Setup();
        for (var round = 0; round < 3; round++)
        {
            Time("kll", () => bench.Kll_Add());
            Time("moments", () => bench.Moments_Add());
            Time("hll-int64", () => bench.Hll_AddInt64());
            Time("hll-email", () => bench.Hll_AddEmail());
            Time("freq-cat", () => bench.Frequent_AddCategory());
            Time("freq-email", () => bench.Frequent_AddHighCardinalityEmail());
            Time("freq-ids", () => bench.Frequent_AddInt64Ids());
        }
    }

    private static void Time(string name, Action action)
    {
        var (watch, cpu) = Start();
        action();
        Report(name + " (1M)", watch, cpu);
    }

    private static (Stopwatch Watch, TimeSpan Cpu) Start() => (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);

    // CPU time as well as wall time: on a shared machine the wall time mostly measures the neighbours.
    private static readonly Dictionary<string, (double Wall, double Cpu)> Best = [];

    private static void Report(string name, Stopwatch watch, TimeSpan cpu)
    {
        var wall = watch.Elapsed.TotalMilliseconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var best = Best.TryGetValue(name, out var b) ? (Math.Min(b.Wall, wall), Math.Min(b.Cpu, used)) : (wall, used);
        Best[name] = best;
        Console.WriteLine($"{name,-14} wall {wall,8:0.0} ms  cpu {used,8:0.0} ms   best wall {best.Item1,8:0.0} ms  cpu {best.Item2,8:0.0} ms");
    }
}
