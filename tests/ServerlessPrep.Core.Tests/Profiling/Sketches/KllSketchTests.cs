using ServerlessPrep.Core.Profiling.Sketches;
using Xunit.Abstractions;

namespace ServerlessPrep.Core.Tests.Profiling.Sketches;

public sealed class KllSketchTests(ITestOutputHelper output)
{
    private const double RankErrorBound = 0.01;

    public static TheoryData<string> Distributions => ["uniform", "normal", "heavy-tailed", "zipf", "many-duplicates", "sorted", "reversed"];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Quantile_DefaultK_RankErrorWithinOnePercent(string distribution)
    {
        var worst = 0.0;
        for (var seed = 1; seed <= 5; seed++)
        {
            var data = Generate(distribution, 200_000, seed);
            var sketch = new KllSketch(seed: (ulong)seed);
            sketch.Add(data);

            worst = Math.Max(worst, TestData.MaxRankError(data, sketch.Quantile));
        }

        output.WriteLine($"{distribution}: max normalized rank error {worst:P3} over 5 seeds (k={KllSketch.DefaultK})");
        Assert.True(worst <= RankErrorBound, $"{distribution}: rank error {worst:P3}");
    }

    [Fact]
    public void Quantile_MergedFromManyPartitions_RankErrorWithinOnePercent()
    {
        var data = TestData.Normal(300_000, 11);
        var merged = new KllSketch();
        for (var p = 0; p < 30; p++)
        {
            var part = new KllSketch(seed: (ulong)p);
            part.Add(data.AsSpan(p * 10_000, 10_000));
            merged.Merge(part);
        }

        var error = TestData.MaxRankError(data, merged.Quantile);
        output.WriteLine($"30-way merge: max normalized rank error {error:P3}");
        Assert.True(error <= RankErrorBound, $"rank error {error:P3}");
        Assert.Equal(data.Length, merged.Count);
        Assert.Equal(data.Min(), merged.Min);
        Assert.Equal(data.Max(), merged.Max);
    }

    [Fact]
    public void Merge_EitherOrder_SameAnswers()
    {
        var a = new KllSketch(seed: 1);
        var b = new KllSketch(seed: 2);
        a.Add(TestData.Uniform(50_000, 1));
        b.Add(TestData.HeavyTailed(70_000, 2));

        var ab = a.Clone();
        ab.Merge(b);
        var ba = b.Clone();
        ba.Merge(a);

        for (var q = 0.0; q <= 1; q += 0.01)
        {
            Assert.Equal(ab.Quantile(q), ba.Quantile(q));
        }
    }

    [Fact]
    public void Add_SameSeed_Reproducible()
    {
        var data = TestData.Uniform(100_000, 3);
        var first = new KllSketch(seed: 42);
        var second = new KllSketch(seed: 42);
        first.Add(data);
        second.Add(data);

        Assert.Equal(first.Quantile(0.37), second.Quantile(0.37));
        Assert.Equal(first.RetainedItems, second.RetainedItems);
    }

    [Fact]
    public void Add_Small_Exact()
    {
        var sketch = new KllSketch();
        sketch.Add([5, 1, 3, 2, 4]);

        Assert.Equal(1, sketch.Quantile(0));
        Assert.Equal(3, sketch.Quantile(0.5));
        Assert.Equal(5, sketch.Quantile(1));
        Assert.Equal(0.6, sketch.Rank(3));
    }

    [Fact]
    public void Add_NaN_Ignored()
    {
        var sketch = new KllSketch();
        sketch.Add([double.NaN, 1]);

        Assert.Equal(1, sketch.Count);
    }

    [Fact]
    public void Empty_QuantileIsNaN() => Assert.True(double.IsNaN(new KllSketch().Quantile(0.5)));

    [Fact]
    public void RetainedItems_Bounded()
    {
        var sketch = new KllSketch();
        sketch.Add(TestData.Uniform(1_000_000, 4));

        output.WriteLine($"retained {sketch.RetainedItems} items for 1M values");
        Assert.True(sketch.RetainedItems < 4 * KllSketch.DefaultK);
    }

    private static double[] Generate(string distribution, int n, int seed) => distribution switch
    {
        "uniform" => TestData.Uniform(n, seed),
        "normal" => TestData.Normal(n, seed),
        "heavy-tailed" => TestData.HeavyTailed(n, seed),
        "zipf" => TestData.AsDoubles(TestData.Zipf(n, seed)),
        "many-duplicates" => TestData.ManyDuplicates(n, seed),
        "sorted" => Enumerable.Range(0, n).Select(i => (double)i).ToArray(),
        "reversed" => Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
    };
}
