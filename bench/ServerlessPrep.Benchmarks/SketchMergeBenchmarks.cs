using BenchmarkDotNet.Attributes;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Benchmarks;

/// <summary>Merging two full sketches (each from 250k values), as when partition profiles are combined.</summary>
[MemoryDiagnoser]
public class SketchMergeBenchmarks
{
    private KllSketch _kllA = new(), _kllB = new();
    private HyperLogLogSketch _hllA = new(), _hllB = new();
    private FrequentItemsSketch _freqA = new(), _freqB = new();
    private DatasetProfile _profileA = DatasetProfile.Empty, _profileB = DatasetProfile.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        for (var i = 0; i < 250_000; i++)
        {
            _kllA.Add(random.NextDouble());
            _kllB.Add(random.NextDouble() + 0.5);
            _hllA.AddInt64(i);
            _hllB.AddInt64(i + 100_000);
            _freqA.AddInt64(random.Next(100_000));
            _freqB.AddInt64(random.Next(100_000));
        }

        var a = new ObjectProfiler();
        a.Add(BatchGenerator.Realistic(250_000, 1));
        _profileA = a.ToProfile();
        var b = new ObjectProfiler();
        b.Add(BatchGenerator.Realistic(250_000, 2));
        _profileB = b.ToProfile();
    }

    [Benchmark]
    public KllSketch Kll_Merge()
    {
        var target = _kllA.Clone();
        target.Merge(_kllB);
        return target;
    }

    [Benchmark]
    public HyperLogLogSketch Hll_Merge()
    {
        var target = _hllA.Clone();
        target.Merge(_hllB);
        return target;
    }

    [Benchmark]
    public FrequentItemsSketch Frequent_Merge()
    {
        var target = _freqA.Clone();
        target.Merge(_freqB);
        return target;
    }

    [Benchmark]
    public DatasetProfile DatasetProfile_Merge5Columns() => _profileA.Merge(_profileB);
}
