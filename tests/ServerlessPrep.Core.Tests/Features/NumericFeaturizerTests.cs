using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;

namespace ServerlessPrep.Core.Tests.Features;

public sealed class NumericFeaturizerTests
{
    [Fact]
    public void Standardize_FittedMeanAndSampleStd_CentersAndScales()
    {
        // mean 4, sample variance ((−2)² + 0 + 2²) / 2 = 4 → σ = 2.
        var fit = StandardizeFeaturizer.Fit(ExactColumnStatistics.Numbers("x", 2, 4, 6));

        var y = FeaturizerRunner.Run(new StandardizeFeaturizer("x", fit), Batches.Doubles("x", 2, 4, 6, 10))["x"];

        Assert.Equal(4, fit.Mean);
        Assert.Equal(2, fit.StdDev);
        Assert.Equal([-1, 0, 1, 3], y);
    }

    [Fact]
    public void Standardize_ConstantColumn_UsesUnitStd()
    {
        var fit = StandardizeFeaturizer.Fit(ExactColumnStatistics.Numbers("x", 5, 5, 5));

        var y = FeaturizerRunner.Run(new StandardizeFeaturizer("x", fit), Batches.Doubles("x", 5, 7))["x"];

        Assert.Equal([0, 2], y);
    }

    [Fact]
    public void MinMax_FittedRange_MapsToUnitInterval()
    {
        var fit = MinMaxFeaturizer.Fit(ExactColumnStatistics.Numbers("x", 2, 4, 6));

        var y = FeaturizerRunner.Run(new MinMaxFeaturizer("x", fit), Batches.Doubles("x", 2, 3, 6, 10))["x"];

        Assert.Equal([0, 0.25, 1, 2], y);
    }

    [Fact]
    public void MinMax_EmptyRange_MapsToZero()
    {
        var fit = MinMaxFeaturizer.Fit(ExactColumnStatistics.Numbers("x", 3, 3));

        Assert.Equal([0, 0], FeaturizerRunner.Run(new MinMaxFeaturizer("x", fit), Batches.Doubles("x", 3, 9))["x"]);
    }

    [Fact]
    public void Log1p_NegativeValues_AreSignedSymmetric()
    {
        var y = FeaturizerRunner.Run(new Log1pFeaturizer("x"), Batches.Doubles("x", 0, Math.E - 1, -(Math.E - 1), -1))["x"];

        Assert.Equal(0, y[0]);
        Assert.Equal(1, y[1], 12);
        Assert.Equal(-1, y[2], 12);
        Assert.Equal(-Math.Log(2), y[3], 12);
    }

    [Fact]
    public void Bucketize_QuartileEdges_AssignsBinByEdgesNotAbove()
    {
        // 1..8: quantiles at 0.25/0.5/0.75 with linear interpolation are 2.75, 4.5, 6.25.
        var fit = BucketizeFeaturizer.Fit(ExactColumnStatistics.Numbers("x", 1, 2, 3, 4, 5, 6, 7, 8), 4);

        var y = FeaturizerRunner.Run(new BucketizeFeaturizer("x", fit), Batches.Doubles("x", 1, 2.75, 3, 4.5, 5, 8, 100))["x"];

        Assert.Equal([2.75, 4.5, 6.25], fit.BinEdges.ToArray());
        Assert.Equal([0, 1, 1, 2, 2, 3, 3], y);
    }

    [Fact]
    public void Bucketize_RepeatedQuantiles_DeduplicatesEdges()
    {
        var fit = BucketizeFeaturizer.Fit(ExactColumnStatistics.Numbers("x", 1, 1, 1, 1, 1, 1, 1, 9), 4);

        Assert.Equal([1.0], fit.BinEdges.ToArray());
        Assert.Equal(TransformKind.Bucketize, fit.Kind);
    }
}
