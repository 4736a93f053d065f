using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Cleaning;

public sealed class OutlierTests
{
    // 1..9 and 100: Q1 = 3.25, Q3 = 7.75 → IQR fences −3.5 and 14.5; mean 14.5.
    private static readonly double?[] Reference = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];

    private static PreparationPipelineHarness CreateSut(OutlierSpec outliers) => new(
        Fixtures.Spec(new ColumnSpec { Name = "x", Outliers = outliers, Transform = new TransformSpec { Kind = TransformKind.Passthrough } }),
        Batch(Doubles("x", Reference)));

    [Fact]
    public void Apply_IqrClip_ValuesBeyondFencesClipped()
    {
        var sut = CreateSut(new OutlierSpec(OutlierMethod.Iqr, 1.5, OutlierAction.Clip));

        var output = sut.Pipeline.Apply(Batch(Doubles("x", -10, 5, 100, null))).Features;

        Assert.Equal([-3.5, 5, 14.5], Values(output, "x")[..3]);
        Assert.Equal(2, sut.Pipeline.Counters.Outliers["x"]);
        Assert.Equal(0, sut.Pipeline.Counters.OutlierRowsDropped);
    }

    [Fact]
    public void Apply_IqrDrop_RowsRemovedInOrder()
    {
        var sut = CreateSut(new OutlierSpec(OutlierMethod.Iqr, 1.5, OutlierAction.Drop));

        var prepared = sut.Pipeline.Apply(Batch(Doubles("x", 1, 100, 2, -4, 14.5)));

        Assert.Equal([1, 2, 14.5], Values(prepared.Features, "x"));
        Assert.Equal(2, prepared.OutliersDropped);
        Assert.Equal(2, sut.Pipeline.Counters.OutlierRowsDropped);
        Assert.Equal(3, sut.Pipeline.Counters.RowsOut);
    }

    [Fact]
    public void Apply_ZScoreDrop_UsesMeanAndSampleStd()
    {
        var sut = CreateSut(new OutlierSpec(OutlierMethod.ZScore, 1, OutlierAction.Drop));
        var mean = 14.5;
        var sd = Math.Sqrt(Reference.Sum(v => (v!.Value - mean) * (v.Value - mean)) / 9);

        var prepared = sut.Pipeline.Apply(Batch(Doubles("x", mean + sd - 0.001, mean + sd + 0.001, mean - sd - 0.001)));

        Assert.Equal([mean + sd - 0.001], Values(prepared.Features, "x"));
        Assert.Equal(2, prepared.OutliersDropped);
    }

    [Fact]
    public void Apply_Winsorize_ClipsToFittedPercentiles()
    {
        // 10th and 90th percentiles of the reference: 1.9 and 18.1.
        var sut = CreateSut(new OutlierSpec(OutlierMethod.Iqr, 0, OutlierAction.Winsorize, 0.1));

        var output = sut.Pipeline.Apply(Batch(Doubles("x", 1, 50, 5))).Features;

        var x = Values(output, "x");
        Assert.Equal(1.9, x[0], 12);
        Assert.Equal(18.1, x[1], 12);
        Assert.Equal(5, x[2]);
    }
}
