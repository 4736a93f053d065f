namespace ServerlessPrep.Core.Quality;

/// <summary>One column's drift against the reference profile, as stored in the record, manifest, report and lineage. Statistics that do not apply are null.</summary>
public sealed record ColumnDriftVerdict
{
    public required string Column { get; init; }

    public double? Psi { get; init; }

    public double? Ks { get; init; }

    public double? Js { get; init; }

    public IReadOnlyList<string> NewCategories { get; init; } = [];

    public IReadOnlyList<string> MissingCategories { get; init; } = [];

    public bool Drifted { get; init; }

    /// <summary>Which statistics crossed their thresholds, e.g. <c>PSI 0.53 &gt; 0.2; KS 0.31 &gt; 0.1</c>.</summary>
    public string? Reason { get; init; }

    public static ColumnDriftVerdict From(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ColumnDriftVerdict
        {
            Column = report.Column,
            Psi = report.PopulationStabilityIndex,
            Ks = report.KolmogorovSmirnov,
            Js = report.JensenShannon,
            NewCategories = [.. report.NewCategories],
            MissingCategories = [.. report.MissingCategories],
            Drifted = report.IsDrift,
            Reason = report.Reason,
        };
    }
}
