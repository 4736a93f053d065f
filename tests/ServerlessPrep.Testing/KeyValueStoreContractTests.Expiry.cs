using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

public abstract partial class KeyValueStoreContractTests
{
    [Fact]
    public async Task GetAsync_BeforeExpiry_ReturnsItemWithExpiry()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var expires = Clock.GetUtcNow().AddMinutes(10);
        await sut.PutAsync(KvItem.FromString(pk, "lease", "held", expires), KvWriteCondition.None);

        Clock.Advance(TimeSpan.FromMinutes(9));
        var item = await sut.GetAsync(pk, "lease");

        Assert.NotNull(item);
        Assert.Equal(expires, item.ExpiresAt);
    }

    [Fact]
    public async Task GetAsync_AfterExpiry_ReturnsNull()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "lease", "held", Clock.GetUtcNow().AddMinutes(10)), KvWriteCondition.None);

        Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(await sut.GetAsync(pk, "lease"));
    }

    [Fact]
    public async Task QueryAsync_AfterExpiry_OmitsExpiredItems()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "a", "short", Clock.GetUtcNow().AddSeconds(30)), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString(pk, "b", "long", Clock.GetUtcNow().AddHours(1)), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString(pk, "c", "forever"), KvWriteCondition.None);

        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["b", "c"], (await sut.QueryAsync(pk).ToListAsync()).Select(item => item.SortKey));
    }

    [Fact]
    public async Task PutAsync_IfAbsentOverExpiredItem_Writes()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var old = await sut.PutAsync(KvItem.FromString(pk, "obj#claim", "crashed worker", Clock.GetUtcNow().AddMinutes(5)), KvWriteCondition.IfAbsent);
        Clock.Advance(TimeSpan.FromMinutes(6));

        var token = await sut.PutAsync(KvItem.FromString(pk, "obj#claim", "new worker"), KvWriteCondition.IfAbsent);

        Assert.NotNull(token);
        Assert.NotEqual(old, token);
        var item = await sut.GetAsync(pk, "obj#claim");
        Assert.Equal("new worker", item?.ValueAsString);
        Assert.Null(item?.ExpiresAt);
    }

    [Fact]
    public async Task PutAsync_IfAbsentOverUnexpiredItem_ReturnsNull()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "obj#claim", "live worker", Clock.GetUtcNow().AddMinutes(5)), KvWriteCondition.IfAbsent);
        Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Null(await sut.PutAsync(KvItem.FromString(pk, "obj#claim", "rival"), KvWriteCondition.IfAbsent));
    }

    [Fact]
    public async Task PutAsync_IfVersionOnExpiredItem_ReturnsNull()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var token = await sut.PutAsync(KvItem.FromString(pk, "lease", "held", Clock.GetUtcNow().AddMinutes(5)), KvWriteCondition.None);
        Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(await sut.PutAsync(KvItem.FromString(pk, "lease", "renewed too late"), KvWriteCondition.IfVersion(token!)));
        Assert.Null(await sut.GetAsync(pk, "lease"));
    }

    [Fact]
    public async Task PutAsync_IfVersionExtendingExpiry_KeepsItemAlive()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var token = await sut.PutAsync(KvItem.FromString(pk, "lease", "held", Clock.GetUtcNow().AddMinutes(5)), KvWriteCondition.None);
        Clock.Advance(TimeSpan.FromMinutes(4));

        var renewed = await sut.PutAsync(KvItem.FromString(pk, "lease", "held", Clock.GetUtcNow().AddMinutes(5)), KvWriteCondition.IfVersion(token!));
        Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.NotNull(renewed);
        Assert.Equal(renewed, (await sut.GetAsync(pk, "lease"))?.VersionToken);
    }

    [Fact]
    public async Task PutAsync_UnconditionalOverExpiredItem_WritesFreshItem()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "k", "old", Clock.GetUtcNow().AddSeconds(1)), KvWriteCondition.None);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var token = await sut.PutAsync(KvItem.FromString(pk, "k", "new"), KvWriteCondition.None);

        var item = await sut.GetAsync(pk, "k");
        Assert.Equal("new", item?.ValueAsString);
        Assert.Equal(token, item?.VersionToken);
        Assert.Null(item?.ExpiresAt);
    }
}
