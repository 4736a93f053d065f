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
}
