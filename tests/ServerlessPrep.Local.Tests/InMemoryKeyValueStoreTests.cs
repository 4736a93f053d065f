using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local.Tests;

public sealed class InMemoryKeyValueStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private InMemoryKeyValueStore CreateSut() => new(_clock);

    [Fact]
    public async Task PutAsync_CallerMutatesBufferAfterwards_StoredValueUnchanged()
    {
        var sut = CreateSut();
        var buffer = new byte[] { 1, 2, 3 };

        await sut.PutAsync(new KvItem("p", "s", buffer), KvWriteCondition.None);
        buffer[0] = 99;

        Assert.Equal([1, 2, 3], (await sut.GetAsync("p", "s"))?.Value.ToArray());
    }

    [Fact]
    public async Task Count_ExpiredItems_AreNotCounted()
    {
        var sut = CreateSut();
        await sut.PutAsync(KvItem.FromString("p", "a", "v", _clock.GetUtcNow().AddSeconds(1)), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString("q", "b", "v"), KvWriteCondition.None);

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, sut.Count);
    }

    [Fact]
    public async Task QueryAsync_KeysBeyondBasicPlane_AreInCodePointOrder()
    {
        var sut = CreateSut();
        await sut.PutAsync(KvItem.FromString("p", "k\U0001F600", "emoji"), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString("p", "k\uE000", "private use"), KvWriteCondition.None);

        var values = (await sut.QueryAsync("p", "k").ToListAsync()).Select(item => item.ValueAsString);

        Assert.Equal(["private use", "emoji"], values);
    }

    [Fact]
    public async Task QueryAsync_WritesDuringEnumeration_DoNotThrow()
    {
        var sut = CreateSut();
        await sut.PutAsync(KvItem.FromString("p", "a", "1"), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString("p", "b", "2"), KvWriteCondition.None);

        var seen = new List<string>();
        await foreach (var item in sut.QueryAsync("p"))
        {
            seen.Add(item.SortKey);
            await sut.PutAsync(KvItem.FromString("p", "c" + item.SortKey, "x"), KvWriteCondition.None);
            await sut.DeleteAsync("p", "b");
        }

        Assert.Equal(["a", "b"], seen);
    }
}
