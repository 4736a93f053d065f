using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

public abstract partial class KeyValueStoreContractTests
{
    [Fact]
    public async Task QueryAsync_EmptyPrefix_ReturnsWholePartitionInOrdinalOrder()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        string[] sortKeys = ["obj#b", "schema#10", "obj#a#2", "schema#2", "Obj#upper", "obj#a", "obj#a#10", "lineage#r1", "obj-a", "obj/a"];
        foreach (var sk in sortKeys)
        {
            await sut.PutAsync(KvItem.FromString(pk, sk, sk), KvWriteCondition.None);
        }

        var items = await sut.QueryAsync(pk).ToListAsync();

        Assert.Equal(sortKeys.Order(StringComparer.Ordinal), items.Select(item => item.SortKey));
        Assert.All(items, item => Assert.Equal(item.SortKey, item.ValueAsString));
        Assert.All(items, item => Assert.Equal(pk, item.PartitionKey));
    }

    [Fact]
    public async Task QueryAsync_Prefix_ReturnsOnlyMatchingSortKeys()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        foreach (var sk in new[] { "obj#a", "obj#a#v1", "obj#ab", "obj#b", "obj#b#v1", "obj", "ob", "schema#1" })
        {
            await sut.PutAsync(KvItem.FromString(pk, sk, "x"), KvWriteCondition.None);
        }

        var items = await sut.QueryAsync(pk, "obj#a").ToListAsync();

        Assert.Equal(["obj#a", "obj#a#v1", "obj#ab"], items.Select(item => item.SortKey));
    }

    [Fact]
    public async Task QueryAsync_PrefixMatchingNothing_ReturnsEmpty()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "obj#a", "x"), KvWriteCondition.None);

        Assert.Empty(await sut.QueryAsync(pk, "obj#c").ToListAsync());
        Assert.Empty(await sut.QueryAsync(pk, "obj#a#").ToListAsync());
    }

    [Fact]
    public async Task QueryAsync_Partition_IsIsolatedFromPartitionsSharingAPrefix()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk + "#a", "obj#1", "a"), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString(pk + "#ab", "obj#1", "ab"), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString(pk + "#b", "obj#1", "b"), KvWriteCondition.None);

        var items = await sut.QueryAsync(pk + "#a").ToListAsync();

        Assert.Equal("a", Assert.Single(items).ValueAsString);
        Assert.Empty(await sut.QueryAsync(pk).ToListAsync());
        Assert.Null(await sut.GetAsync(pk, "obj#1"));
    }

    [Fact]
    public async Task QueryAsync_Items_CarryTheirVersionTokens()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var t1 = await sut.PutAsync(KvItem.FromString(pk, "k1", "1"), KvWriteCondition.None);
        var t2 = await sut.PutAsync(KvItem.FromString(pk, "k2", "2"), KvWriteCondition.None);

        var items = await sut.QueryAsync(pk, "k").ToListAsync();

        Assert.Equal([t1, t2], items.Select(item => item.VersionToken));
    }

    [Fact]
    public async Task QueryAsync_ManyItems_ReturnsAllInOrder()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var sortKeys = Enumerable.Range(0, 120).Select(i => $"profile#{i:D4}").ToArray();
        var value = TestData.Bytes(2048);
        await Task.WhenAll(sortKeys.Select(async sk => await sut.PutAsync(new KvItem(pk, sk, value), KvWriteCondition.None)));

        var items = await sut.QueryAsync(pk, "profile#").ToListAsync();

        Assert.Equal(sortKeys, items.Select(item => item.SortKey));
    }
}
