using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.TestSupport;
using static ServerlessPrep.Core.Tests.TestSupport.Batches;

namespace ServerlessPrep.Core.Tests.Cleaning;

public sealed class DedupTests
{
    private static readonly string?[] Ids = ["a", "b", "a", " b", "c", "a"];
    private static readonly double?[] Amounts = [1, 2, 3, 4, 5, 6];

    private static PreparationPipeline CreateSut(DedupKeep keep) => Fixtures.Pipeline(
        Fixtures.Spec(
            new ColumnSpec { Name = "id", Trim = true, Transform = new TransformSpec { Kind = TransformKind.Keep } },
            Fixtures.Column("amount", TransformKind.Passthrough)) with
        { Dedup = new DedupSpec(["id"], keep) },
        Batch(Strings("id", Ids), Doubles("amount", Amounts)));

    private static RowBatch[] Split(int at) =>
    [
        Batch(0, Strings("id", Ids[..at]), Doubles("amount", Amounts[..at])),
        Batch(at, Strings("id", Ids[at..]), Doubles("amount", Amounts[at..])),
    ];

    [Theory]
    [InlineData(6)]
    [InlineData(1)]
    [InlineData(3)]
    public void Apply_KeepFirst_FirstOccurrenceAcrossBatches(int at)
    {
        var sut = CreateSut(DedupKeep.First);

        var amounts = Split(at).Where(b => b.RowCount > 0).SelectMany(b => Values(sut.Apply(b).Features, "amount")).ToArray();

        Assert.Equal([1, 2, 5], amounts);
        Assert.Equal(3, sut.Counters.DuplicatesDropped);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(2)]
    public void Apply_KeepLastWithKeyPass_LastOccurrenceAcrossBatches(int at)
    {
        var sut = CreateSut(DedupKeep.Last);
        var batches = Split(at).Where(b => b.RowCount > 0).ToArray();
        foreach (var b in batches)
        {
            sut.ObserveKeys(b);
        }

        var amounts = batches.SelectMany(b => Values(sut.Apply(b).Features, "amount")).ToArray();

        Assert.True(sut.NeedsKeyPass);
        Assert.Equal([4, 5, 6], amounts);
        Assert.Equal(3, sut.Counters.DuplicatesDropped);
    }

    [Fact]
    public void Apply_KeepLastWithoutKeyPass_Throws()
    {
        var sut = CreateSut(DedupKeep.Last);

        var e = Assert.Throws<InvalidOperationException>(() => sut.Apply(Split(6)[0]));
        Assert.Contains(nameof(PreparationPipeline.ObserveKeys), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MultiColumnKey_DistinguishesFraming()
    {
        var spec = Fixtures.Spec(Fixtures.Column("a", TransformKind.Keep), Fixtures.Column("b", TransformKind.Keep)) with { Dedup = new DedupSpec(["a", "b"]) };
        var batch = Batch(Strings("a", "ab", "a", "ab", null), Strings("b", "c", "bc", "c", "x"));
        var sut = Fixtures.Pipeline(spec, batch);

        var prepared = sut.Apply(batch);

        Assert.Equal(1, prepared.DuplicatesDropped);
        Assert.Equal(new string?[] { "ab", "a", null }, Texts(prepared.Features, "a"));
    }
}
