using System.Collections.Immutable;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Quality;

/// <summary>
/// How one column's distribution moved from a reference profile to a current one. Numeric columns get PSI (over the
/// reference's deciles) and the Kolmogorov–Smirnov distance, both from the quantile sketches; categorical columns get the
/// Jensen–Shannon divergence (base 2, in [0, 1]) of their frequent-item distributions and the categories that appeared
/// or disappeared. Statistics that do not apply are null. Sketch error bounds carry over: KS is within about twice the
/// quantile sketch's rank error.
/// </summary>
public sealed record DriftReport(
    string Column,
    DataKind Kind,
    double? PopulationStabilityIndex,
    double? KolmogorovSmirnov,
    double? JensenShannon,
    ImmutableArray<string> NewCategories,
    ImmutableArray<string> MissingCategories,
    bool IsDrift,
    string? Reason);
