using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Azure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableKeyValueStoreTests
{
    private readonly AzuriteFixture _azurite;
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public TableKeyValueStoreTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task PutAsync_IfAbsentTwice_SecondReturnsNull()
    {
        var kv = await CreateSutAsync();

        var first = await kv.PutAsync(KvItem.FromString("ds#sales", "obj#a/b.csv#v1", "INPROGRESS"), KvWriteCondition.IfAbsent);
        var second = await kv.PutAsync(KvItem.FromString("ds#sales", "obj#a/b.csv#v1", "OTHER"), KvWriteCondition.IfAbsent);

        Assert.NotNull(first);
        Assert.Null(second);
        var stored = await kv.GetAsync("ds#sales", "obj#a/b.csv#v1");
        Assert.Equal("INPROGRESS", stored!.ValueAsString);
        Assert.Equal(first, stored.VersionToken);
    }

    [Fact]
    public async Task PutAsync_IfVersion_CurrentWinsStaleLoses()
    {
        var kv = await CreateSutAsync();
        var v1 = await kv.PutAsync(KvItem.FromString("p", "k", "1"), KvWriteCondition.None);

        var v2 = await kv.PutAsync(KvItem.FromString("p", "k", "2"), KvWriteCondition.IfVersion(v1!));
        var stale = await kv.PutAsync(KvItem.FromString("p", "k", "3"), KvWriteCondition.IfVersion(v1!));
        var missing = await kv.PutAsync(KvItem.FromString("p", "gone", "x"), KvWriteCondition.IfVersion(v1!));

        Assert.NotNull(v2);
        Assert.NotEqual(v1, v2);
        Assert.Null(stale);
        Assert.Null(missing);
        Assert.Equal("2", (await kv.GetAsync("p", "k"))!.ValueAsString);
    }

    [Fact]
    public async Task PutAsync_ConcurrentClaimsAndUpdates_ExactlyOneWinsEach()
    {
        var kv = await CreateSutAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            kv.PutAsync(KvItem.FromString("ds#x", "obj#k#1", "worker" + i), KvWriteCondition.IfAbsent).AsTask()));
        var token = Assert.Single(claims, c => c is not null)!;
        var updates = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            kv.PutAsync(KvItem.FromString("ds#x", "obj#k#1", "done" + i), KvWriteCondition.IfVersion(token)).AsTask()));

        Assert.Single(updates, u => u is not null);
    }

    [Fact]
    public async Task QueryAsync_Prefix_ReturnsOnlyMatchesInOrdinalOrder()
    {
        var kv = await CreateSutAsync();
        string[] keys = ["obj#a/b#1", "obj#a/b#2", "obj#a/b/c#1", "obj#a.b#1", "obj#a?#1", "obj#a\\#1", "obj#a0#1", "obj#a/B#1", "schema#1"];
        foreach (var key in keys)
        {
            await kv.PutAsync(KvItem.FromString("ds#d", key, key), KvWriteCondition.None);
        }

        var found = new List<string>();
        await foreach (var item in kv.QueryAsync("ds#d", "obj#a/"))
        {
            found.Add(item.SortKey);
        }

        var expected = keys.Where(k => k.StartsWith("obj#a/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, found);
        var all = new List<string>();
        await foreach (var item in kv.QueryAsync("ds#d"))
        {
            all.Add(item.SortKey);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task PutAsync_LargeValue_SplitsAndRoundTrips()
    {
        var kv = await CreateSutAsync();
        var value = new byte[200_000];
        new Random(3).NextBytes(value);

        await kv.PutAsync(new KvItem("p", "big", value), KvWriteCondition.None);

        Assert.Equal(value, (await kv.GetAsync("p", "big"))!.Value.ToArray());
    }

    [Fact]
    public async Task PutAsync_ValueOverEntityLimit_ThrowsArgumentException()
    {
        var kv = await CreateSutAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await kv.PutAsync(new KvItem("p", "huge", new byte[TableValueCodec.MaxValueBytes + 1]), KvWriteCondition.None));
    }

    [Fact]
    public async Task PutAsync_IfAbsentOverExpiredItem_Succeeds()
    {
        var kv = await CreateSutAsync();
        await kv.PutAsync(KvItem.FromString("p", "lease", "old", _time.GetUtcNow().AddMinutes(1)), KvWriteCondition.IfAbsent);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(await kv.GetAsync("p", "lease"));
        Assert.NotNull(await kv.PutAsync(KvItem.FromString("p", "lease", "new"), KvWriteCondition.IfAbsent));
        Assert.Equal("new", (await kv.GetAsync("p", "lease"))!.ValueAsString);
    }

    [Fact]
    public async Task DeleteAsync_MissingItem_NoError()
    {
        var kv = await CreateSutAsync();
        await kv.PutAsync(KvItem.FromString("p", "k", "v"), KvWriteCondition.None);

        await kv.DeleteAsync("p", "k");
        await kv.DeleteAsync("p", "never");

        Assert.Null(await kv.GetAsync("p", "k"));
    }

    private async Task<TableKeyValueStore> CreateSutAsync() => new(await _azurite.NewTableAsync(), _time);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
