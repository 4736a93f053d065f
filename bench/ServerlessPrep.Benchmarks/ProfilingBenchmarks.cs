using BenchmarkDotNet.Attributes;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;

namespace ServerlessPrep.Benchmarks;

/// <summary>Profiling one column of a 250k-row batch of realistic columns.</summary>
[MemoryDiagnoser]
public class ProfilingBenchmarks
{
    private RowBatch _batch = null!;

    [Params("id", "amount", "category", "email", "text")]
    public string Column { get; set; } = "id";

    [GlobalSetup]
    public void Setup()
    {
        _batch = BatchGenerator.Realistic(250_000, 1);
    }

    [Benchmark]
    public ColumnProfile ProfileColumn_250k()
    {
        var column = _batch[Column];
        var accumulator = new ColumnProfileAccumulator(column.Name, column.Kind);
        accumulator.Add(column);
        return accumulator.Freeze();
    }
}
