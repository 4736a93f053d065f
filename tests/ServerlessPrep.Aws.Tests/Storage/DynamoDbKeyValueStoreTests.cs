using System.Text;
using Amazon.DynamoDBv2;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Aws.Tests.Storage;

[Collection(EmulatorCollection.Name)]
public sealed class DynamoDbKeyValueStoreTests : IAsyncLifetime
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public DynamoDbKeyValueStoreTests(EmulatorFixture emulators) => _client = emulators.CreateDynamoDbClient();

    public Task InitializeAsync() => EmulatorFixture.CreateTableAsync(_client, _table);

    public async Task DisposeAsync()
    {
        await _client.DeleteTableAsync(_table);
        _client.Dispose();
    }

    [Fact]
    public async Task PutAsync_IfAbsentRace_ExactlyOneWriterWins()
    {
        var store = CreateSut();

        var versions = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => store.PutAsync(KvItem.FromString("ds#a", "obj#k#1", $"w{i}"), KvWriteCondition.IfAbsent).AsTask()));

        var winner = Assert.Single(versions, v => v is not null);
        var stored = await store.GetAsync("ds#a", "obj#k#1");
        Assert.Equal(winner, stored!.VersionToken);
    }

    [Fact]
    public async Task PutAsync_IfVersion_StaleTokenLosesFreshTokenWins()
    {
        var store = CreateSut();
        var v1 = await store.PutAsync(KvItem.FromString("ds#a", "fit#1", "one"), KvWriteCondition.None);
        var v2 = await store.PutAsync(KvItem.FromString("ds#a", "fit#1", "two"), KvWriteCondition.IfVersion(v1!));

        var stale = await store.PutAsync(KvItem.FromString("ds#a", "fit#1", "stale"), KvWriteCondition.IfVersion(v1!));

        Assert.NotEqual(v1, v2);
        Assert.Null(stale);
        Assert.Equal("two", (await store.GetAsync("ds#a", "fit#1"))!.ValueAsString);
    }

    [Fact]
    public async Task GetAsync_ExpiredItem_InvisibleAndReclaimableIfAbsent()
    {
        var store = CreateSut();
        await store.PutAsync(KvItem.FromString("ds#a", "lease", "old", _time.Now.AddMinutes(5)), KvWriteCondition.IfAbsent);
        Assert.Null(await store.PutAsync(KvItem.FromString("ds#a", "lease", "early"), KvWriteCondition.IfAbsent));

        _time.Now = _time.Now.AddMinutes(6);

        Assert.Null(await store.GetAsync("ds#a", "lease"));
        Assert.NotNull(await store.PutAsync(KvItem.FromString("ds#a", "lease", "new"), KvWriteCondition.IfAbsent));
        var item = await store.GetAsync("ds#a", "lease");
        Assert.Equal("new", item!.ValueAsString);
        Assert.Null(item.ExpiresAt);
    }

    [Fact]
    public async Task QueryAsync_Prefix_OnlyMatchingInSortKeyOrder()
    {
        var store = CreateSut();
        foreach (var sk in new[] { "obj#b", "schema#1", "obj#a", "obj#c" })
        {
            await store.PutAsync(KvItem.FromString("ds#q", sk, sk), KvWriteCondition.None);
        }

        await store.PutAsync(KvItem.FromString("ds#other", "obj#z", "z"), KvWriteCondition.None);

        var keys = new List<string>();
        await foreach (var item in store.QueryAsync("ds#q", "obj#"))
        {
            keys.Add(item.SortKey);
        }

        Assert.Equal(["obj#a", "obj#b", "obj#c"], keys);
    }

    [Fact]
    public async Task QueryAsync_MoreThanOnePage_FollowsLastEvaluatedKey()
    {
        var store = CreateSut();
        var big = new byte[200 * 1024];
        for (var i = 0; i < 7; i++)
        {
            await store.PutAsync(new KvItem("ds#big", $"profile#{i}", big), KvWriteCondition.None);
        }

        var count = 0;
        await foreach (var item in store.QueryAsync("ds#big"))
        {
            Assert.Equal(big.Length, item.Value.Length);
            count++;
        }

        Assert.Equal(7, count);
    }

    [Fact]
    public async Task DeleteAsync_ExistingAndMissing_NoError()
    {
        var store = CreateSut();
        await store.PutAsync(new KvItem("ds#d", "x", Encoding.UTF8.GetBytes("v")), KvWriteCondition.None);

        await store.DeleteAsync("ds#d", "x");
        await store.DeleteAsync("ds#d", "never");

        Assert.Null(await store.GetAsync("ds#d", "x"));
    }

    [Fact]
    public async Task PutAsync_EmptyKey_Rejected()
        => await Assert.ThrowsAsync<ArgumentException>(async () => await CreateSut().PutAsync(KvItem.FromString("", "x", "v"), KvWriteCondition.None));

    private DynamoDbKeyValueStore CreateSut() => new(_client, _table, _time);
}
