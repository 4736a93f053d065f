using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Quality;
using ServerlessPrep.Core.Tests.Profiling;

namespace ServerlessPrep.Core.Tests.Quality;

public sealed class DriftDetectorTests
{
    [Fact]
    public void Compare_SameDistribution_NoDrift()
    {
        var report = DriftDetector.Compare(Numbers(TestData.Normal(50_000, 1)), Numbers(TestData.Normal(50_000, 2)));

        Assert.False(report.IsDrift, report.Reason);
        Assert.InRange(report.PopulationStabilityIndex!.Value, 0, 0.02);
        Assert.InRange(report.KolmogorovSmirnov!.Value, 0, 0.03);
        Assert.Null(report.JensenShannon);
    }

    [Fact]
    public void Compare_ShiftedMean_Drift()
    {
        var report = DriftDetector.Compare(Numbers(TestData.Normal(50_000, 1)), Numbers(TestData.Normal(50_000, 2, mean: 0.5)));

        Assert.True(report.IsDrift);
        Assert.InRange(report.KolmogorovSmirnov!.Value, 0.17, 0.22);
        Assert.True(report.PopulationStabilityIndex > 0.2);
    }

    [Fact]
    public void Compare_Categories_JensenShannonAndNewMissing()
    {
        var reference = Categories(Enumerable.Range(0, 10_000).Select(i => $"c{i % 10}"));
        var current = Categories(Enumerable.Range(0, 10_000).Select(i => $"c{i % 10 + 2}"));

        var report = DriftDetector.Compare(reference, current);

        Assert.Equal(["c10", "c11"], report.NewCategories.Order());
        Assert.Equal(["c0", "c1"], report.MissingCategories.Order());
        Assert.InRange(report.JensenShannon!.Value, 0.15, 0.25);
        Assert.True(report.IsDrift);
        Assert.Null(report.PopulationStabilityIndex);
    }

    [Fact]
    public void Compare_IdenticalCategories_ZeroDivergence()
    {
        var values = Enumerable.Range(0, 1_000).Select(i => $"c{i % 7}").ToArray();

        var report = DriftDetector.Compare(Categories(values), Categories(values));

        Assert.Equal(0, report.JensenShannon!.Value, 12);
        Assert.Empty(report.NewCategories);
        Assert.False(report.IsDrift);
    }

    [Fact]
    public void Compare_Datasets_ReportsSharedColumns()
    {
        var a = new ObjectProfiler();
        a.Add(Batches.Realistic(5_000, 1));
        var b = new ObjectProfiler();
        b.Add(Batches.Realistic(5_000, 2));

        var reports = DriftDetector.Compare(a.ToProfile(), b.ToProfile());

        Assert.Equal(["id", "amount", "category", "email", "text"], reports.Select(r => r.Column));
        Assert.False(reports.Single(r => r.Column == "amount").IsDrift);
        Assert.False(reports.Single(r => r.Column == "category").IsDrift);
    }

    private static ColumnProfile Numbers(double[] values)
    {
        var accumulator = new ColumnProfileAccumulator("x", DataKind.Double);
        accumulator.Add(new DoubleColumn("x", values, null, values.Length));
        return accumulator.Freeze();
    }

    private static ColumnProfile Categories(IEnumerable<string> values)
    {
        var array = values.ToArray<string?>();
        var accumulator = new ColumnProfileAccumulator("c", DataKind.String);
        accumulator.Add(new StringColumn("c", array, array.Length));
        return accumulator.Freeze();
    }
}
