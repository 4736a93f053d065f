using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Cleaning;

public sealed class PreparationPipelineBatchTests
{
    private static readonly DatasetSpec Spec = Fixtures.Spec(
        Fixtures.Column("id", TransformKind.Keep),
        new ColumnSpec { Name = "x", Impute = new ImputeSpec(ImputeStrategy.Median, AddIndicator: true), Transform = new TransformSpec { Kind = TransformKind.MinMax } },
        Fixtures.Column("c", TransformKind.OneHot)) with
    {
        Rules = [new RuleSpec { Kind = RuleKind.Range, Column = "x", Max = 10 }],
    };

    [Fact]
    public void Apply_SmallerBatchAfterLargerOne_ReusedBuffersGiveExactOutput()
    {
        var sut = Fixtures.Pipeline(Spec, Batch(Longs("id", 1, 2, 3), Doubles("x", 0, 5, 10), Strings("c", "a", "b", "a")));
        sut.Apply(Batch(Longs("id", 1, 2, 3, 4, 5), Doubles("x", 1, 2, 3, 4, 5), Strings("c", "a", "a", "a", "a", "a")));

        var second = sut.Apply(Batch(5, Longs("id", 6, 7, 8), Doubles("x", null, 50, 10), Strings("c", "b", null, "z"))).Features;

        Assert.Equal(2, second.RowCount);
        Assert.Equal([6, 8], ((ServerlessPrep.Core.Data.Int64Column)second["id"]).Values.ToArray());
        Assert.Equal([0.5, 1], Values(second, "x")[..2]);
        Assert.Equal([1, 0], Values(second, "x__is_missing")[..2]);
        Assert.Equal([0, 0], Values(second, "c__a")[..2]);
        Assert.Equal([1, 0], Values(second, "c__b")[..2]);
        Assert.Equal([0, 1], Values(second, "c__other")[..2]);
        Assert.Equal(5, second.FirstRowIndex);
        Assert.Equal(8, sut.Counters.RowsIn);
        Assert.Equal(7, sut.Counters.RowsOut);
        Assert.Equal(1, sut.Counters.RowsRejected);
    }

    [Fact]
    public void Apply_BatchWithOtherSchema_Throws()
    {
        var sut = Fixtures.Pipeline(Spec, Batch(Longs("id", 1), Doubles("x", 0), Strings("c", "a")));

        Assert.Throws<ArgumentException>(() => sut.Apply(Batch(Longs("id", 1), Doubles("x", 0))));
    }
}
