namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>A tiny seeded generator: sketches draw their coin flips from it so that results are reproducible.</summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public readonly ulong State => _state;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return ValueHash.Mix(_state);
    }

    public bool NextBit() => (Next() >> 63) != 0;
}
