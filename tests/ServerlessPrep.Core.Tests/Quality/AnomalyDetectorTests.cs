using ServerlessPrep.Core.Quality;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Quality;

public sealed class AnomalyDetectorTests
{
    private static readonly AnomalySpec Rate = new() { Metric = AnomalyMetric.RowCount, Detector = AnomalyDetectorKind.RateOfChange, MaxIncrease = 2, MaxDecrease = 0.5 };

    private static readonly AnomalySpec Normal = new() { Metric = AnomalyMetric.Mean, Column = "amount", Detector = AnomalyDetectorKind.OnlineNormal, Stddevs = 3, MinHistory = 5 };

    [Fact]
    public void RateOfChange_NoPrevious_NotJudged()
    {
        var verdict = AnomalyDetector.RateOfChange(Rate, null, 0, 100);

        Assert.False(verdict.Judged);
        Assert.False(verdict.Anomalous);
    }

    [Theory]
    [InlineData(100, 200, false)] // ratio 2: the bound is inclusive
    [InlineData(100, 201, true)]
    [InlineData(100, 50, false)]
    [InlineData(100, 49, true)]
    [InlineData(0, 0, false)] // no change
    [InlineData(0, 1, true)] // from nothing to something: unbounded increase
    public void RateOfChange_RatioAgainstBounds(double previous, double value, bool anomalous)
    {
        var verdict = AnomalyDetector.RateOfChange(Rate, previous, 1, value);

        Assert.True(verdict.Judged);
        Assert.Equal(anomalous, verdict.Anomalous);
        Assert.Equal(previous, verdict.Baseline);
        Assert.Equal(previous * 0.5, verdict.Lower);
        Assert.Equal(previous * 2, verdict.Upper);
    }

    [Fact]
    public void OnlineNormal_BelowMinHistory_NotJudgedButLearns()
    {
        var state = WelfordState.Empty;
        foreach (var v in new double[] { 10, 12, 11, 13 })
        {
            var (verdict, next) = AnomalyDetector.OnlineNormal(Normal, state, v);
            Assert.False(verdict.Judged);
            state = next;
        }

        Assert.Equal(4, state.Count);
        Assert.Equal(11.5, state.Mean, 12);
    }

    [Fact]
    public void OnlineNormal_SpikeIsFlaggedAndDoesNotMoveTheRange()
    {
        // Five normal values: mean 11.6, sample variance (2.56 + 0.16 + 0.36 + 1.96 + 0.16) / 4 = 1.3.
        var state = WelfordState.Empty;
        foreach (var v in new double[] { 10, 12, 11, 13, 12 })
        {
            state = AnomalyDetector.OnlineNormal(Normal, state, v).State;
        }

        var (spike, afterSpike) = AnomalyDetector.OnlineNormal(Normal, state, 100);
        var (next, _) = AnomalyDetector.OnlineNormal(Normal, afterSpike, 15);

        var upper = 11.6 + (3 * Math.Sqrt(1.3));
        Assert.True(spike.Anomalous);
        Assert.Equal(upper, spike.Upper!.Value, 12);
        Assert.Same(state, afterSpike);
        Assert.False(next.Anomalous); // 15 < 15.0205…; with the spike in the history the range would have been far wider anyway, but the mean would be 26.3
        Assert.Equal(11.6, next.Baseline!.Value, 12);
        Assert.Equal(upper, next.Upper!.Value, 12);
        Assert.Equal(5, next.History);
    }
}
