using BenchmarkDotNet.Attributes;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Benchmarks;

/// <summary>Profiling a whole 250k-row batch of realistic columns, and serializing the resulting profile.</summary>
[MemoryDiagnoser]
public class ProfileBatchBenchmarks
{
    private RowBatch _batch = null!;
    private DatasetProfile _profile = DatasetProfile.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _batch = BatchGenerator.Realistic(250_000, 1);
        var profiler = new ObjectProfiler();
        profiler.Add(_batch);
        _profile = profiler.ToProfile();
    }

    [Benchmark]
    public DatasetProfile ProfileBatch_AllColumns_250k()
    {
        var profiler = new ObjectProfiler();
        profiler.Add(_batch);
        return profiler.ToProfile();
    }

    [Benchmark]
    public byte[] Serialize_Binary() => ProfileBinarySerializer.Serialize(_profile);

    [Benchmark]
    public string Serialize_Json() => ProfileJsonWriter.ToJson(_profile);
}
