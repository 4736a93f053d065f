using FsCheck.Xunit;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Tests.Profiling.Sketches;

public sealed class MomentsSketchTests
{
    [Fact]
    public void Add_Normal_MatchesTwoPassMoments()
    {
        var data = TestData.Normal(100_001, 7, mean: 1e6, sd: 3);
        var sketch = new MomentsSketch();
        sketch.Add(data);

        var mean = data.Average();
        var m2 = data.Sum(v => (v - mean) * (v - mean));
        var m3 = data.Sum(v => Math.Pow(v - mean, 3));
        var m4 = data.Sum(v => Math.Pow(v - mean, 4));

        Assert.Equal(mean, sketch.Mean, 1e-9 * Math.Abs(mean));
        AssertRelative(m2 / (data.Length - 1), sketch.Variance, 1e-9);
        AssertRelative(Math.Sqrt(data.Length) * m3 / Math.Pow(m2, 1.5), sketch.Skewness, 1e-6, absolute: 1e-6);
        AssertRelative(data.Length * m4 / (m2 * m2) - 3, sketch.ExcessKurtosis, 1e-6, absolute: 1e-6);
    }

    [Fact]
    public void Add_NonFinite_CountedNotAveraged()
    {
        var sketch = new MomentsSketch();
        sketch.Add([1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 3]);

        Assert.Equal(2, sketch.Count);
        Assert.Equal(2, sketch.Mean);
        Assert.Equal((1, 1, 1), (sketch.NaNCount, sketch.PositiveInfinityCount, sketch.NegativeInfinityCount));
        Assert.Equal((1d, 3d), (sketch.Min, sketch.Max));
    }

    [Property(MaxTest = 200)]
    public void Merge_Split_EqualsWhole(int[] left, int[] right)
    {
        var whole = new MomentsSketch();
        whole.Add(Scale(left.Concat(right).ToArray()));
        var a = new MomentsSketch();
        a.Add(Scale(left));
        var b = new MomentsSketch();
        b.Add(Scale(right));
        a.Merge(b);

        Assert.Equal(whole.Count, a.Count);
        if (whole.Count > 0)
        {
            Assert.Equal(whole.Min, a.Min);
            Assert.Equal(whole.Max, a.Max);
            AssertRelative(whole.Mean, a.Mean, 1e-9, absolute: 1e-9);
            AssertRelative(whole.M2, a.M2, 1e-9, absolute: 1e-6);
        }
    }

    internal static void AssertRelative(double expected, double actual, double relative, double absolute = 0)
    {
        var tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, actual {actual:R}, tolerance {tolerance:R}");
    }

    private static double[] Scale(int[] values) => Array.ConvertAll(values, v => v / 7.0);
}
