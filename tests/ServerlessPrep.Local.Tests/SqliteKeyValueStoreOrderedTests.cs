using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local.Tests;

public sealed class SqliteKeyValueStoreOrderedTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sp-ordered-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SqliteKeyValueStore _store;

    public SqliteKeyValueStoreOrderedTests() => _store = new SqliteKeyValueStore(_path, _clock);

    public void Dispose()
    {
        _store.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PutIfNewerMany_AbsentNewerOlderAndEqual_WritesOnlyAbsentAndStrictlyNewer()
    {
        await _store.PutIfNewerManyAsync([Item("a", 10, 1), Item("b", 10, 1), Item("c", 10, 1)]);

        var written = await _store.PutIfNewerManyAsync([Item("a", 11, 2), Item("b", 9, 2), Item("c", 10, 2), Item("d", 1, 2)]);

        Assert.Equal(2, written);
        Assert.Equal([(11L, 2), (10L, 1), (10L, 1), (1L, 2)], await ReadAsync("a", "b", "c", "d"));
    }

    [Theory]
    [InlineData(-5, -3, true)]
    [InlineData(-3, -5, false)]
    [InlineData(-1, 0, true)]
    [InlineData(0, -1, false)]
    [InlineData(long.MinValue + 1, long.MaxValue, true)]
    [InlineData(long.MaxValue, long.MinValue + 1, false)]
    public async Task PutIfNewerMany_SignedOrderKeys_CompareAsSignedIntegers(long stored, long incoming, bool expected)
    {
        await _store.PutIfNewerManyAsync([Item("a", stored, 1)]);

        var written = await _store.PutIfNewerManyAsync([Item("a", incoming, 2)]);

        Assert.Equal(expected ? 1 : 0, written);
        Assert.Equal(expected ? incoming : stored, (await ReadAsync("a"))[0].Order);
    }

    [Fact]
    public async Task PutIfNewerMany_ExpiredOrShortStoredValue_IsReplaced()
    {
        await _store.PutAsync(new KvItem("p", "expired", Value(100, 1), ExpiresAt: _clock.GetUtcNow().AddSeconds(1)), KvWriteCondition.None);
        await _store.PutAsync(KvItem.FromString("p", "short", "x"), KvWriteCondition.None);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var written = await _store.PutIfNewerManyAsync([Item("expired", 1, 2), Item("short", 1, 2)]);

        Assert.Equal(2, written);
        Assert.Equal([(1L, 2), (1L, 2)], await ReadAsync("expired", "short"));
    }

    [Fact]
    public async Task PutIfNewerMany_ValueShorterThanTheOrderKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutIfNewerManyAsync([KvItem.FromString("p", "a", "short")]).AsTask());
    }

    [Fact]
    public async Task PutIfNewerMany_ConcurrentWriters_TheNewestValueWinsForEveryKey()
    {
        var keys = Enumerable.Range(0, 200).Select(i => $"k{i:D3}").ToArray();
        var writers = Enumerable.Range(1, 6).Select(w => Task.Run(async () =>
        {
            using var own = new SqliteKeyValueStore(_path, _clock);
            // Writer w writes order key (w * 7 % 6) for every key, so the newest writer is not the last one started.
            await own.PutIfNewerManyAsync(keys.Select(k => Item(k, w * 7 % 6, (byte)w)).ToList());
        }));

        await Task.WhenAll(writers);

        var stored = await ReadAsync(keys);
        Assert.All(stored, s => Assert.Equal((5L, 5), s));
    }

    private static KvItem Item(string key, long order, byte payload) => new("p", key, Value(order, payload));

    private static byte[] Value(long order, byte payload)
    {
        var value = new byte[9];
        BinaryPrimitives.WriteInt64BigEndian(value, order);
        value[8] = payload;
        return value;
    }

    private async Task<List<(long Order, int Payload)>> ReadAsync(params string[] keys)
    {
        var items = await _store.GetManyAsync(keys.Select(k => ("p", k)).ToList());
        return items.Select(i => (BinaryPrimitives.ReadInt64BigEndian(i!.Value.Span), i.Value.Length > 8 ? (int)i.Value.Span[8] : -1)).ToList();
    }
}
