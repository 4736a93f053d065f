using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Splitting;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Splitting;

public sealed class SplitTests
{
    private static DatasetSpec CreateSpec(string? entity = "user_id", SplitSpec? split = null) =>
        Fixtures.Spec(Fixtures.Column("user_id", TransformKind.Keep), Fixtures.Column("x", TransformKind.Passthrough)) with
        {
            EntityColumn = entity,
            Split = split ?? new SplitSpec(),
        };

    private static RowBatch Rows(int from, int count, int entities) => Batch(
        from,
        Strings("user_id", [.. Enumerable.Range(from, count).Select(i => $"u{i % entities}")]),
        Doubles("x", [.. Enumerable.Range(from, count).Select(i => (double?)i)]));

    private static string[] Labels(PreparationPipeline sut, params RowBatch[] batches) =>
        [.. batches.SelectMany(b => Texts(sut.Apply(b).Features, SplitNames.Column)).Select(s => s!)];

    [Theory]
    [InlineData(null)]
    [InlineData("user_id")]
    public void Apply_DifferentBatchPartitions_SameAssignments(string? entity)
    {
        var spec = CreateSpec(entity);
        var whole = Labels(Fixtures.Pipeline(spec, Rows(0, 1000, 100)), Rows(0, 1000, 100));

        var parts = Labels(Fixtures.Pipeline(spec, Rows(0, 1000, 100)), Rows(0, 333, 100), Rows(333, 500, 100), Rows(833, 167, 100));

        Assert.Equal(whole, parts);
    }

    [Fact]
    public void Apply_100kEntities_RatiosWithinTolerance()
    {
        var sut = Fixtures.Pipeline(CreateSpec(), Rows(0, 10, 10));

        var labels = Labels(sut, Rows(0, 100_000, 100_000));

        // σ of the train count is sqrt(100000·0.8·0.2) ≈ 126: ±1000 is ~8σ.
        Assert.InRange(labels.Count(l => l == SplitNames.Train), 79_000, 81_000);
        Assert.InRange(labels.Count(l => l == SplitNames.Validation), 9_000, 11_000);
        Assert.InRange(labels.Count(l => l == SplitNames.Test), 9_000, 11_000);
    }

    [Fact]
    public void Apply_GroupedByEntity_AllRowsOfAnEntityInOneSplit()
    {
        var sut = Fixtures.Pipeline(CreateSpec(), Rows(0, 10, 10));
        var batch = Rows(0, 20_000, 500);

        var labels = Labels(sut, batch);

        var ids = ((StringColumn)batch["user_id"]).Values.ToArray();
        var splitsPerEntity = ids.Zip(labels).GroupBy(p => p.First).Select(g => g.Select(p => p.Second).Distinct().Count());
        Assert.All(splitsPerEntity, count => Assert.Equal(1, count));
        Assert.Equal(3, labels.Distinct().Count());
    }

    [Fact]
    public void Apply_EntityKey_MatchesHashSplitterForKey()
    {
        var split = new SplitSpec { Salt = "s1", Train = 0.5, Validation = 0.25, Test = 0.25 };
        var sut = Fixtures.Pipeline(CreateSpec(split: split), Rows(0, 10, 10));
        var splitter = new HashSplitter(split);

        var labels = Labels(sut, Rows(0, 200, 200));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => splitter.ForKey($"u{i}")).ToArray(), labels);
    }

    [Fact]
    public void Apply_SaltChanged_AssignmentsChange()
    {
        var a = Labels(Fixtures.Pipeline(CreateSpec(), Rows(0, 10, 10)), Rows(0, 500, 500));
        var b = Labels(Fixtures.Pipeline(CreateSpec(split: new SplitSpec { Salt = "other" }), Rows(0, 10, 10)), Rows(0, 500, 500));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Apply_TimeSplit_ByCutoffsMissingToTest()
    {
        var spec = Fixtures.Spec(Fixtures.Column("ts", TransformKind.Keep)) with
        {
            EventTimeColumn = "ts",
            Split = new SplitSpec
            {
                Method = SplitMethod.Time,
                ValidationFrom = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero),
                TestFrom = new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero),
            },
        };
        DateTime T(int month, int day) => new(2024, month, day, 0, 0, 0, DateTimeKind.Utc);
        var batch = Batch(Times("ts", T(1, 1), T(5, 31), T(6, 1), T(8, 31), T(9, 1), null));

        var labels = Labels(Fixtures.Pipeline(spec, batch), batch);

        Assert.Equal(["train", "train", "validation", "validation", "test", "test"], labels);
    }

    [Fact]
    public void HashSplitter_InvalidRatios_Throws() =>
        Assert.Throws<ArgumentException>(() => new HashSplitter(new SplitSpec { Train = 0, Validation = 0, Test = 0 }));
}
