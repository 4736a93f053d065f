using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local.Tests;

public sealed class SqliteKeyValueStoreBatchTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sp-batch-{Guid.NewGuid():N}.db");
    private readonly SqliteKeyValueStore _store;

    public SqliteKeyValueStoreBatchTests() => _store = new SqliteKeyValueStore(_path);

    public void Dispose()
    {
        _store.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PutMany_EachWriteIsJudgedOnItsOwnCondition()
    {
        var existingToken = await _store.PutAsync(KvItem.FromString("p", "a", "old"), KvWriteCondition.None);
        var staleToken = await _store.PutAsync(KvItem.FromString("p", "b", "old"), KvWriteCondition.None);
        await _store.PutAsync(KvItem.FromString("p", "b", "newer"), KvWriteCondition.None);

        var tokens = await _store.PutManyAsync(
        [
            new(KvItem.FromString("p", "a", "x"), KvWriteCondition.IfAbsent),
            new(KvItem.FromString("p", "a", "y"), KvWriteCondition.IfVersion(existingToken!)),
            new(KvItem.FromString("p", "b", "z"), KvWriteCondition.IfVersion(staleToken!)),
            new(KvItem.FromString("p", "c", "w"), KvWriteCondition.IfAbsent),
        ]);
        var items = await _store.GetManyAsync([("p", "a"), ("p", "b"), ("p", "c"), ("p", "missing")]);

        Assert.Null(tokens[0]);
        Assert.NotNull(tokens[1]);
        Assert.Null(tokens[2]);
        Assert.NotNull(tokens[3]);
        Assert.Equal(["y", "newer", "w"], items.Take(3).Select(i => i!.ValueAsString));
        Assert.Equal(tokens[1], items[0]!.VersionToken);
        Assert.Null(items[3]);
    }

    [Fact]
    public async Task GetMany_MoreKeysThanOneStatementWithDuplicatesMissingAndExpired_ReturnsEachInOrder()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var store = new SqliteKeyValueStore(_path + "-many", clock);
        await store.PutIfNewerManyAsync(Enumerable.Range(0, 1_200).Select(i => new KvItem($"p{i % 3}", $"k{i:D4}", BitConverter.GetBytes((long)i))).ToList());
        await store.PutAsync(new KvItem("p0", "expiring", new byte[8], ExpiresAt: clock.GetUtcNow().AddSeconds(1)), KvWriteCondition.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        var keys = Enumerable.Range(0, 1_300).Select(i => ($"p{i % 3}", $"k{i:D4}")).Concat([("p0", "k0000"), ("p1", "k0000"), ("p0", "expiring")]).ToList();

        var items = await store.GetManyAsync(keys);

        Assert.Equal(keys.Count, items.Count);
        Assert.All(Enumerable.Range(0, 1_200), i => Assert.Equal(i, BitConverter.ToInt64(items[i]!.Value.Span)));
        Assert.All(items.Skip(1_200).Take(100), Assert.Null);
        Assert.Equal(0, BitConverter.ToInt64(items[1_300]!.Value.Span));
        Assert.Null(items[1_301]);
        Assert.Null(items[1_302]);
    }
}
