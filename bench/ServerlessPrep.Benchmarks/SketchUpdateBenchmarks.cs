using BenchmarkDotNet.Attributes;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Benchmarks;

/// <summary>Update throughput of each sketch: the reported time is per value (values/s = 1 / time).</summary>
[MemoryDiagnoser]
public class SketchUpdateBenchmarks
{
    private const int N = 1_000_000;
    private double[] _doubles = [];
    private long[] _longs = [];
    private string[] _emails = [];
    private string[] _categories = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _doubles = Enumerable.Range(0, N).Select(_ => random.NextDouble() * 1000).ToArray();
        _longs = Enumerable.Range(0, N).Select(i => (long)i).ToArray();
        _emails = Enumerable.Range(0, N).Select(_ => $"user{random.Next(5_000_000)}@example.com").ToArray();
        _categories = Enumerable.Range(0, N).Select(_ => $"category-{random.Next(50):00}").ToArray();
    }

    [Benchmark(OperationsPerInvoke = N)]
    public KllSketch Kll_Add()
    {
        var sketch = new KllSketch();
        sketch.Add(_doubles);
        return sketch;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public MomentsSketch Moments_Add()
    {
        var sketch = new MomentsSketch();
        sketch.Add(_doubles);
        return sketch;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public HyperLogLogSketch Hll_AddInt64()
    {
        var sketch = new HyperLogLogSketch();
        foreach (var v in _longs)
        {
            sketch.AddInt64(v);
        }

        return sketch;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public HyperLogLogSketch Hll_AddEmail()
    {
        var sketch = new HyperLogLogSketch();
        foreach (var v in _emails)
        {
            sketch.AddString(v);
        }

        return sketch;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public FrequentItemsSketch Frequent_AddCategory()
    {
        var sketch = new FrequentItemsSketch();
        foreach (var v in _categories)
        {
            sketch.AddString(v);
        }

        return sketch;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public FrequentItemsSketch Frequent_AddHighCardinalityEmail()
    {
        var sketch = new FrequentItemsSketch();
        foreach (var v in _emails)
        {
            sketch.AddString(v);
        }

        return sketch;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public FrequentItemsSketch Frequent_AddInt64Ids()
    {
        var sketch = new FrequentItemsSketch();
        foreach (var v in _longs)
        {
            sketch.AddInt64(v);
        }

        return sketch;
    }
}
