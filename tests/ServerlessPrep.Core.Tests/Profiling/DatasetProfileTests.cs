using FsCheck.Xunit;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Tests.Profiling.Sketches;

namespace ServerlessPrep.Core.Tests.Profiling;

public sealed class DatasetProfileTests
{
    [Property(MaxTest = 60)]
    public void Merge_Partitions_EqualsProfileOfUnion(int[] a, int[] b, int[] c, bool reverse)
    {
        var whole = Profile(a.Concat(b).Concat(c).ToArray());
        var parts = new[] { Profile(a), Profile(b), Profile(c) };
        var merged = reverse
            ? parts[2].Merge(parts[1].Merge(parts[0]))
            : parts[0].Merge(parts[1]).Merge(parts[2]);

        Assert.Equal(whole.RowCount, merged.RowCount);
        Assert.Equal(3, merged.ObjectCount);
        var expected = whole.Columns[0];
        var actual = merged.Columns[0];
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.NullCount, actual.NullCount);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);
        if (expected.Mean is { } mean)
        {
            MomentsSketchTests.AssertRelative(mean, actual.Mean!.Value, 1e-9, absolute: 1e-9);
        }

        if (expected.Variance is { } variance)
        {
            MomentsSketchTests.AssertRelative(variance, actual.Variance!.Value, 1e-9, absolute: 1e-9);
        }

        // Up to 2 000 distinct values the distinct sketch is exact, and small inputs keep every quantile item.
        Assert.Equal(expected.DistinctEstimate, actual.DistinctEstimate);
        Assert.Equal(expected.Quantile(0.5), actual.Quantile(0.5));
    }

    [Fact]
    public void Merge_LargePartitions_QuantilesAndDistinctWithinBounds()
    {
        var profiles = new List<DatasetProfile>();
        var whole = new ObjectProfiler();
        for (var p = 0; p < 8; p++)
        {
            var batch = Batches.Realistic(25_000, p, firstId: p * 25_000L);
            var part = new ObjectProfiler();
            part.Add(batch);
            whole.Add(batch);
            profiles.Add(part.ToProfile());
        }

        var leftToRight = profiles.Aggregate((x, y) => x.Merge(y));
        var shuffled = profiles.OrderBy(p => p.Columns[0].Min).Reverse().Aggregate((x, y) => y.Merge(x));
        var expected = whole.ToProfile();

        foreach (var merged in new[] { leftToRight, shuffled })
        {
            Assert.Equal(200_000, merged.RowCount);
            var ids = merged.Find("id")!;
            Assert.Equal((0d, 199_999d), (ids.Min, ids.Max));
            Assert.InRange(ids.DistinctEstimate, 200_000 * 0.98, 200_000 * 1.02);
            Assert.InRange(ids.Quantile(0.5)!.Value, 100_000 - 2_000, 100_000 + 2_000);
            var amount = merged.Find("amount")!;
            Assert.Equal(expected.Find("amount")!.NullCount, amount.NullCount);
            MomentsSketchTests.AssertRelative(expected.Find("amount")!.Mean!.Value, amount.Mean!.Value, 1e-9);
            MomentsSketchTests.AssertRelative(expected.Find("amount")!.Variance!.Value, amount.Variance!.Value, 1e-9);
            var category = merged.Find("category")!;
            Assert.Equal(50, category.DistinctEstimate);
            Assert.Equal(expected.Find("category")!.TopValues(50), category.TopValues(50));
            Assert.Equal(SemanticType.Categorical, category.SemanticType);
            Assert.Equal(SemanticType.Email, merged.Find("email")!.SemanticType);
            Assert.Equal(SemanticType.FreeText, merged.Find("text")!.SemanticType);
        }
    }

    [Fact]
    public void Merge_ColumnsAppearAndDisappear_UnionByName()
    {
        var first = new ObjectProfiler();
        first.Add(Batches.Of(Batches.Longs("a", [1, 2]), Batches.Strings("b", ["x", "y"])));
        var second = new ObjectProfiler();
        second.Add(Batches.Of(Batches.Longs("a", [3]), Batches.Doubles("c", [0.5])));

        var merged = first.ToProfile().Merge(second.ToProfile());

        Assert.Equal(["a", "b", "c"], merged.Columns.Select(c => c.Name));
        Assert.Equal((3L, 2L, 1L), (merged.Find("a")!.RowCount, merged.Find("b")!.RowCount, merged.Find("c")!.RowCount));
        Assert.Equal("a:Int64,b:String,c:Double", merged.Schema.Fingerprint);
        Assert.Empty(merged.Conflicts);
    }

    [Fact]
    public void Merge_IncompatibleKinds_KeepsLargerAndReports()
    {
        var text = new ObjectProfiler();
        text.Add(Batches.Of(Batches.Strings("v", ["a", "b", "c"])));
        var numbers = new ObjectProfiler();
        numbers.Add(Batches.Of(Batches.Longs("v", [1])));

        var ab = text.ToProfile().Merge(numbers.ToProfile());
        var ba = numbers.ToProfile().Merge(text.ToProfile());

        foreach (var merged in new[] { ab, ba })
        {
            Assert.Equal(DataKind.String, merged.Find("v")!.Kind);
            Assert.Equal(new ColumnKindConflict("v", DataKind.String, DataKind.Int64, 1), Assert.Single(merged.Conflicts));
        }
    }

    [Fact]
    public void ObjectProfiler_KindChangesBetweenBatches_WidensOrReports()
    {
        var sut = new ObjectProfiler();
        sut.Add(Batches.Of(Batches.Longs("n", [1, 2]), Batches.Strings("s", ["a", "b"]), Batches.Longs("s2", [5, 6])));
        sut.Add(Batches.Of(Batches.Doubles("n", [2.5]), Batches.Longs("s", [7]), Batches.Strings("s2", ["x"])));

        var profile = sut.ToProfile();

        Assert.Equal(DataKind.Double, profile.Find("n")!.Kind);
        Assert.Equal(3, profile.Find("n")!.RowCount);
        Assert.Equal(2, profile.Conflicts.Length);
        Assert.Equal(DataKind.String, profile.Find("s")!.Kind);
        Assert.Equal(DataKind.Int64, profile.Find("s2")!.Kind);
        Assert.Equal(3, profile.RowCount);
    }

    private static DatasetProfile Profile(int[] values)
    {
        var profiler = new ObjectProfiler();
        var column = new DoubleColumn("x", Array.ConvertAll(values, v => v / 3.0), values.Select(v => v % 5 == 0).ToArray(), values.Length);
        profiler.Add(Batches.Of(column));
        return profiler.ToProfile();
    }
}
