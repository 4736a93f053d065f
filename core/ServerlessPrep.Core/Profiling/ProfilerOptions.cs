using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Profiling;

/// <summary>Sketch sizes and the seed of the quantile sketch's coin flips. Profiles merge only with profiles of the same sizes.</summary>
public sealed record ProfilerOptions
{
    public static ProfilerOptions Default { get; } = new();

    /// <summary>KLL k: the default gives a measured normalized rank error under 1 %.</summary>
    public int QuantileK { get; init; } = KllSketch.DefaultK;

    public int DistinctPrecision { get; init; } = HyperLogLogSketch.DefaultPrecision;

    public int FrequentItemsMaxTracked { get; init; } = FrequentItemsSketch.DefaultMaxTracked;

    public ulong Seed { get; init; } = KllSketch.DefaultSeed;

    /// <summary>Every problem found, empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (QuantileK is < 8 or > 65_535)
        {
            errors.Add($"QuantileK must be in [8, 65535], was {QuantileK}.");
        }

        if (DistinctPrecision is < 4 or > 18)
        {
            errors.Add($"DistinctPrecision must be in [4, 18], was {DistinctPrecision}.");
        }

        if (FrequentItemsMaxTracked < 4)
        {
            errors.Add($"FrequentItemsMaxTracked must be at least 4, was {FrequentItemsMaxTracked}.");
        }

        return errors;
    }

    internal ProfilerOptions ThrowIfInvalid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new ArgumentException(string.Join(" ", errors));
    }
}
