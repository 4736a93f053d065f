using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local.Tests;

public sealed class SqliteKeyValueStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<SqliteKeyValueStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _temp.Dispose();
    }

    private string DatabasePath => _temp.Combine("nested", "folder", "kv.db");

    private SqliteKeyValueStore CreateSut()
    {
        var store = new SqliteKeyValueStore(DatabasePath, _clock);
        _stores.Add(store);
        return store;
    }

    private async Task<string> ScalarAsync(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    [Fact]
    public void Constructor_DoesNoIo()
    {
        _ = CreateSut();

        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task GetAsync_FirstUse_CreatesFolderAndDatabaseInWalMode()
    {
        var sut = CreateSut();

        await sut.GetAsync("p", "s");

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Contains("WITHOUT ROWID", await ScalarAsync("SELECT sql FROM sqlite_master WHERE name = 'kv';"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_Overwrites_IncrementTokenByOne()
    {
        var sut = CreateSut();

        var first = long.Parse((await sut.PutAsync(KvItem.FromString("p", "s", "1"), KvWriteCondition.None))!, System.Globalization.CultureInfo.InvariantCulture);
        var second = long.Parse((await sut.PutAsync(KvItem.FromString("p", "s", "2"), KvWriteCondition.None))!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(first > 0);
        Assert.Equal(first + 1, second);
    }

    [Fact]
    public async Task PutAsync_ExpiresAt_KeepsMillisecondPrecision()
    {
        var sut = CreateSut();
        var expires = _clock.GetUtcNow().AddMilliseconds(1234);

        await sut.PutAsync(KvItem.FromString("p", "s", "v", expires), KvWriteCondition.None);

        Assert.Equal(expires, (await sut.GetAsync("p", "s"))?.ExpiresAt);
    }

    [Fact]
    public async Task PurgeExpiredAsync_ExpiredRows_RemovesOnlyThem()
    {
        var sut = CreateSut();
        await sut.PutAsync(KvItem.FromString("p", "old", "v", _clock.GetUtcNow().AddSeconds(1)), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString("p", "new", "v", _clock.GetUtcNow().AddHours(1)), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString("p", "forever", "v"), KvWriteCondition.None);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var purged = await sut.PurgeExpiredAsync();

        Assert.Equal(1, purged);
        Assert.Equal("2", await ScalarAsync("SELECT count(*) FROM kv;"));
    }

    [Fact]
    public async Task PutAsync_OptimisticIncrementsFromFourStores_LoseNoUpdate()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => CreateSut()).ToArray();
        await stores[0].PutAsync(KvItem.FromString("p", "counter", "0"), KvWriteCondition.None);
        const int incrementsPerStore = 25;

        await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsPerStore;)
            {
                var current = await store.GetAsync("p", "counter");
                var next = int.Parse(current!.ValueAsString, System.Globalization.CultureInfo.InvariantCulture) + 1;
                var written = await store.PutAsync(
                    KvItem.FromString("p", "counter", next.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    KvWriteCondition.IfVersion(current.VersionToken!));
                if (written is not null)
                {
                    done++;
                }
            }
        })));

        Assert.Equal("100", (await stores[0].GetAsync("p", "counter"))?.ValueAsString);
    }

    [Fact]
    public async Task Dispose_AfterUse_ReleasesFileForDeletion()
    {
        var sut = new SqliteKeyValueStore(DatabasePath, _clock);
        await sut.PutAsync(KvItem.FromString("p", "s", "v"), KvWriteCondition.None);

        sut.Dispose();
        File.Delete(DatabasePath);

        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Reopen_AfterDispose_SeesPersistedItems()
    {
        var first = new SqliteKeyValueStore(DatabasePath, _clock);
        var token = await first.PutAsync(KvItem.FromString("p", "s", "persisted"), KvWriteCondition.None);
        first.Dispose();

        var item = await CreateSut().GetAsync("p", "s");

        Assert.Equal("persisted", item?.ValueAsString);
        Assert.Equal(token, item?.VersionToken);
    }

    [Fact]
    public async Task QueryAsync_PrefixWithLikeWildcards_MatchesLiterally()
    {
        var sut = CreateSut();
        foreach (var sk in new[] { "a%b", "a%c", "axb", "a_b", "azb" })
        {
            await sut.PutAsync(KvItem.FromString("p", sk, sk), KvWriteCondition.None);
        }

        Assert.Equal(["a%b", "a%c"], (await sut.QueryAsync("p", "a%").ToListAsync()).Select(item => item.SortKey));
        Assert.Equal(["a_b"], (await sut.QueryAsync("p", "a_").ToListAsync()).Select(item => item.SortKey));
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
}
