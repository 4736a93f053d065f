using ServerlessPrep.Core.Profiling.Sketches;
using Xunit.Abstractions;

namespace ServerlessPrep.Core.Tests.Profiling.Sketches;

public sealed class FrequentItemsSketchTests(ITestOutputHelper output)
{
    [Fact]
    public void Top_FewDistinct_ExactCounts()
    {
        var sketch = new FrequentItemsSketch();
        for (var i = 0; i < 10_000; i++)
        {
            sketch.AddString($"cat-{i % 50}");
        }

        var top = sketch.Top(3);

        Assert.Equal(0, sketch.MaximumError);
        Assert.Equal(3, top.Count);
        Assert.All(top, t => Assert.Equal(200, t.Count));
        Assert.Equal("cat-0", top[0].Value);
    }

    [Fact]
    public void Top_Zipf_CountsWithinReportedBound()
    {
        var data = TestData.Zipf(500_000, 5, cardinality: 200_000, s: 1.05);
        var exact = data.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        var sketch = new FrequentItemsSketch();
        foreach (var v in data)
        {
            sketch.AddInt64(v);
        }

        var top = sketch.Top(100);
        output.WriteLine($"max error {sketch.MaximumError} of N={sketch.TotalCount} (bound N/(k/2) = {sketch.TotalCount / (sketch.MaxTracked / 2)})");

        Assert.True(sketch.MaximumError <= sketch.TotalCount / (sketch.MaxTracked / 2));
        foreach (var item in top)
        {
            var truth = exact[long.Parse(item.Value, System.Globalization.CultureInfo.InvariantCulture)];
            Assert.InRange(truth, item.Count, item.Count + sketch.MaximumError);
        }

        // Every value more frequent than the error bound is reported, in the right order for the clear leaders.
        var expectedLeaders = exact.OrderByDescending(p => p.Value).Take(5).Select(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedLeaders, top.Take(5).Select(t => t.Value));
    }

    [Fact]
    public void Merge_Partitions_TotalAndBoundsHold()
    {
        var data = TestData.Zipf(200_000, 6, cardinality: 50_000);
        var exact = data.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        var merged = new FrequentItemsSketch();
        for (var p = 0; p < 4; p++)
        {
            var part = new FrequentItemsSketch();
            foreach (var v in data.AsSpan(p * 50_000, 50_000))
            {
                part.AddInt64(v);
            }

            merged.Merge(part);
        }

        Assert.Equal(data.Length, merged.TotalCount);
        foreach (var item in merged.Top(50))
        {
            var truth = exact[long.Parse(item.Value, System.Globalization.CultureInfo.InvariantCulture)];
            Assert.InRange(truth, item.Count, item.Count + merged.MaximumError);
        }
    }

    [Fact]
    public void Top_Ties_OrderedByValue()
    {
        var sketch = new FrequentItemsSketch();
        sketch.AddString("b");
        sketch.AddString("a");

        Assert.Equal(["a", "b"], sketch.Top(2).Select(t => t.Value));
    }
}
