using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;

namespace ServerlessPrep.Core.Tests.Features;

public sealed class TransformFitterTests
{
    private static readonly BatchSchema Schema = new([new("amount", DataKind.Double), new("city", DataKind.String), new("note", DataKind.String)]);

    private static readonly Dictionary<string, IColumnStatistics> Stats = new()
    {
        ["amount"] = ExactColumnStatistics.Numbers("amount", 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, null),
        ["city"] = ExactColumnStatistics.Texts("city", "a", "a", "b"),
    };

    private static DatasetSpec Spec(params ColumnSpec[] columns) => new() { Name = "sales", Columns = [.. columns] };

    [Fact]
    public void Fit_ImputeOutliersScaler_FromStatistics()
    {
        var spec = Spec(new ColumnSpec
        {
            Name = "amount",
            Impute = new ImputeSpec(ImputeStrategy.Median, AddIndicator: true),
            Outliers = new OutlierSpec(OutlierMethod.Iqr, 1.5, OutlierAction.Clip),
            Transform = new TransformSpec { Kind = TransformKind.MinMax },
        });

        var fit = TransformFitter.Fit(spec, Schema, Stats, FitState.SourceObject).Find("amount")!;

        // Median of 1..9,100 = 5.5; Q1 = 3.25, Q3 = 7.75, IQR 4.5 → fences −3.5 and 14.5.
        Assert.Equal(new ImputeFit(ImputeStrategy.Median, 5.5, null, true), fit.Impute);
        Assert.Equal(new OutlierFit(OutlierMethod.Iqr, OutlierAction.Clip, -3.5, 14.5), fit.Outliers);
        Assert.Equal(1, fit.Transform!.Min);
        Assert.Equal(100, fit.Transform.Max);
    }

    [Fact]
    public void Fit_ZScoreAndMean_FromMoments()
    {
        var spec = Spec(new ColumnSpec
        {
            Name = "amount",
            Impute = new ImputeSpec(ImputeStrategy.Mean),
            Outliers = new OutlierSpec(OutlierMethod.ZScore, 2, OutlierAction.Drop),
        });
        var stats = new Dictionary<string, IColumnStatistics> { ["amount"] = ExactColumnStatistics.Numbers("amount", 2, 4, 6) };

        var fit = TransformFitter.Fit(spec, Schema, stats, FitState.SourceDataset).Find("amount")!;

        Assert.Equal(4, fit.Impute!.Number);
        Assert.Equal(new OutlierFit(OutlierMethod.ZScore, OutlierAction.Drop, 0, 8), fit.Outliers);
        Assert.Equal(TransformKind.Standardize, fit.Transform!.Kind);
    }

    [Fact]
    public void Fit_UnlistedColumns_InferredOrDropped()
    {
        var inferred = TransformFitter.Fit(Spec(), Schema, Stats, FitState.SourceObject);
        var dropped = TransformFitter.Fit(Spec() with { InferUnlistedColumns = false }, Schema, Stats, FitState.SourceObject);

        Assert.Equal(TransformKind.OneHot, inferred.Find("city")!.Transform!.Kind);
        Assert.Equal(["a", "b"], inferred.Find("city")!.Transform!.Vocabulary.ToArray());
        Assert.Equal(TransformKind.Hash, inferred.Find("note")!.Transform!.Kind);
        Assert.All(dropped.Columns, c => Assert.True(c.Drop));
        Assert.Equal(FitState.SourceObject, inferred.Source);
    }

    [Fact]
    public void Fit_SameInputsTwice_SameVersion()
    {
        var a = TransformFitter.Fit(Spec(), Schema, Stats, FitState.SourceObject);
        var b = TransformFitter.Fit(Spec(), Schema, Stats, FitState.SourceObject);

        Assert.Equal(a.Version, b.Version);
        Assert.NotEqual(a.Version, TransformFitter.Fit(Spec(), Schema, Stats, FitState.SourceDataset).Version);
    }

    [Fact]
    public void Fit_ListedColumnAbsent_SchemaMismatchNamesColumn()
    {
        var e = Assert.Throws<SchemaMismatchException>(() =>
            TransformFitter.Fit(Spec(new ColumnSpec { Name = "price", Line = 7 }), Schema, Stats, FitState.SourceObject));

        Assert.Equal("price", e.Column);
        Assert.Contains("line 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NumericTransformOnText_SpecErrorWithLine()
    {
        var spec = Spec(new ColumnSpec { Name = "city", Line = 12, Transform = new TransformSpec { Kind = TransformKind.Standardize } });

        var e = Assert.Throws<SpecException>(() => TransformFitter.Fit(spec, Schema, Stats, FitState.SourceObject));

        Assert.Equal(12, Assert.Single(e.Errors).Line);
        Assert.Contains("city", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoStatistics_NeutralParameters()
    {
        var fit = TransformFitter.Fit(Spec(), Schema, new Dictionary<string, IColumnStatistics>(), FitState.SourceObject).Find("amount")!;

        Assert.Null(fit.Impute!.Number);
        Assert.Equal(0, fit.Transform!.Mean);
        Assert.Equal(1, fit.Transform.StdDev);
    }
}
