namespace ServerlessPrep.Core.Quality;

/// <summary>When a statistic counts as drift. Defaults follow common practice: PSI 0.2 ("significant shift"), KS 0.1, JS 0.1 (base 2).</summary>
public sealed record DriftThresholds
{
    public static DriftThresholds Default { get; } = new();

    public double PopulationStabilityIndex { get; init; } = 0.2;

    public double KolmogorovSmirnov { get; init; } = 0.1;

    public double JensenShannon { get; init; } = 0.1;
}
