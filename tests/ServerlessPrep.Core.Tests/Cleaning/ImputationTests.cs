using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Cleaning;

public sealed class ImputationTests
{
    private static ColumnSpec Passthrough(string name, ImputeSpec impute) =>
        new() { Name = name, Impute = impute, Transform = new TransformSpec { Kind = TransformKind.Passthrough } };

    [Theory]
    [InlineData(ImputeStrategy.Mean, null, 5.0)]
    [InlineData(ImputeStrategy.Median, null, 3.0)]
    [InlineData(ImputeStrategy.Constant, "-1", -1.0)]
    [InlineData(ImputeStrategy.Mode, null, 2.0)]
    public void Apply_NumericStrategy_FillsWithFittedValueAndIndicator(ImputeStrategy strategy, string? constant, double fill)
    {
        // 2, 2, 3, 4, 14: mean 5, median 3, mode 2.
        var batch = Batch(Doubles("x", 2, 2, null, 3, 4, 14, null));
        var sut = Fixtures.Pipeline(Fixtures.Spec(Passthrough("x", new ImputeSpec(strategy, constant, AddIndicator: true))), batch);

        var output = sut.Apply(batch).Features;

        Assert.Equal([2, 2, fill, 3, 4, 14, fill], Values(output, "x"));
        Assert.Equal([0, 0, 1, 0, 0, 0, 1], Values(output, "x__is_missing"));
        Assert.Equal(2, sut.Counters.Imputed["x"]);
        Assert.False(sut.OutputSchema.Find("x")!.IsNullable);
    }

    [Fact]
    public void Apply_TextMode_FillsMostFrequentBeforeOneHot()
    {
        var batch = Batch(Strings("c", "b", "a", "b", null));
        var spec = Fixtures.Spec(new ColumnSpec { Name = "c", Impute = new ImputeSpec(ImputeStrategy.Mode), Transform = new TransformSpec { Kind = TransformKind.OneHot } });
        var sut = Fixtures.Pipeline(spec, batch);

        var output = sut.Apply(batch).Features;

        Assert.Equal([1, 0, 1, 1], Values(output, "c__b"));
        Assert.Equal(1, sut.Counters.Imputed["c"]);
    }

    [Fact]
    public void Apply_NoImpute_NumericFeatureStaysMissing()
    {
        var batch = Batch(Doubles("x", 1, null));
        var sut = Fixtures.Pipeline(Fixtures.Spec(Fixtures.Column("x", TransformKind.MinMax)), batch);

        var output = sut.Apply(batch).Features;

        Assert.True(output["x"].IsNull(1));
        Assert.True(sut.OutputSchema.Find("x")!.IsNullable);
    }
}
