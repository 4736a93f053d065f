using ServerlessPrep.Core.Profiling.Sketches;
using Xunit.Abstractions;

namespace ServerlessPrep.Core.Tests.Profiling.Sketches;

public sealed class HyperLogLogSketchTests(ITestOutputHelper output)
{
    private const double RelativeErrorBound = 0.02;

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_025)]
    [InlineData(3_000)]
    [InlineData(20_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Estimate_DistinctStrings_WithinTwoPercent(int distinct)
    {
        var worst = 0.0;
        for (var seed = 0; seed < 3; seed++)
        {
            var sketch = new HyperLogLogSketch();
            for (var i = 0; i < distinct; i++)
            {
                var value = $"user-{seed}-{i}@example.com";
                sketch.AddString(value);
                if (i % 3 == 0)
                {
                    sketch.AddString(value);
                }
            }

            worst = Math.Max(worst, Math.Abs(sketch.Estimate() - distinct) / distinct);
        }

        output.WriteLine($"{distinct}: max relative error {worst:P3}");
        Assert.True(worst <= RelativeErrorBound, $"relative error {worst:P3}");
    }

    [Fact]
    public void Estimate_Int64Ids_WithinTwoPercent()
    {
        var sketch = new HyperLogLogSketch();
        for (long i = 0; i < 2_000_000; i++)
        {
            sketch.AddInt64(i);
        }

        var error = Math.Abs(sketch.Estimate() - 2_000_000) / 2_000_000;
        output.WriteLine($"2M sequential ids: relative error {error:P3}");
        Assert.True(error <= RelativeErrorBound);
    }

    [Fact]
    public void Estimate_BelowExactLimit_Exact()
    {
        var sketch = new HyperLogLogSketch();
        for (var i = 0; i < 10_000; i++)
        {
            sketch.AddInt64(i % 500);
        }

        Assert.True(sketch.IsExact);
        Assert.Equal(500, sketch.Estimate());
    }

    [Fact]
    public void Merge_Union_MatchesSingleSketch()
    {
        var all = new HyperLogLogSketch();
        var left = new HyperLogLogSketch();
        var right = new HyperLogLogSketch();
        for (var i = 0; i < 50_000; i++)
        {
            all.AddInt64(i);
            (i < 30_000 ? left : right).AddInt64(i);
        }

        for (var i = 20_000; i < 30_000; i++)
        {
            right.AddInt64(i);
        }

        var lr = left.Clone();
        lr.Merge(right);
        var rl = right.Clone();
        rl.Merge(left);

        Assert.Equal(all.Estimate(), lr.Estimate());
        Assert.Equal(lr.Estimate(), rl.Estimate());
    }

    [Fact]
    public void Merge_ExactIntoDense_CountsAll()
    {
        var dense = new HyperLogLogSketch();
        for (var i = 0; i < 5_000; i++)
        {
            dense.AddInt64(i);
        }

        var exact = new HyperLogLogSketch();
        exact.AddInt64(1_000_000);
        exact.Merge(dense);

        Assert.False(exact.IsExact);
        Assert.InRange(exact.Estimate(), 5_001 * 0.98, 5_001 * 1.02);
    }
}
