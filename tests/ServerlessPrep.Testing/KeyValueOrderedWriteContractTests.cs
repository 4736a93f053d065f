using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

/// <summary>
/// The behaviour of <see cref="IKeyValueOrderedWrite"/> ("newer wins" judged by the store), as xUnit tests. Derive once per
/// adapter that offers it; <see cref="CreateSut"/> must take "now" from the given clock (expiry is in whole seconds).
/// </summary>
public abstract class KeyValueOrderedWriteContractTests : IAsyncLifetime
{
    private readonly string _partition = TestData.Unique("ordered");
    private IKeyValueStore? _store;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private IKeyValueStore Store => _store ??= CreateSut(Clock);

    private IKeyValueOrderedWrite Ordered => (IKeyValueOrderedWrite)Store;

    /// <summary>A store implementing <see cref="IKeyValueOrderedWrite"/>, whose notion of "now" comes from <paramref name="timeProvider"/>.</summary>
    protected abstract IKeyValueStore CreateSut(TimeProvider timeProvider);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PutIfNewerMany_AbsentNewerOlderAndEqual_WritesOnlyAbsentAndStrictlyNewer()
    {
        await Ordered.PutIfNewerManyAsync([Item("a", 10, 1), Item("b", 10, 1), Item("c", 10, 1)]);

        var written = await Ordered.PutIfNewerManyAsync([Item("a", 11, 2), Item("b", 9, 2), Item("c", 10, 2), Item("d", 1, 2)]);

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
        await Ordered.PutIfNewerManyAsync([Item("a", stored, 1)]);

        var written = await Ordered.PutIfNewerManyAsync([Item("a", incoming, 2)]);

        Assert.Equal(expected ? 1 : 0, written);
        Assert.Equal(expected ? incoming : stored, (await ReadAsync("a"))[0].Order);
    }

    [Fact]
    public async Task PutIfNewerMany_ExpiredOrShortStoredValue_IsReplaced()
    {
        await Store.PutAsync(new KvItem(_partition, "expired", Value(100, 1), ExpiresAt: Clock.GetUtcNow().AddSeconds(1)), KvWriteCondition.None);
        await Store.PutAsync(KvItem.FromString(_partition, "short", "x"), KvWriteCondition.None);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var written = await Ordered.PutIfNewerManyAsync([Item("expired", 1, 2), Item("short", 1, 2)]);

        Assert.Equal(2, written);
        Assert.Equal([(1L, 2), (1L, 2)], await ReadAsync("expired", "short"));
    }

    [Fact]
    public async Task PutIfNewerMany_ValueShorterThanTheOrderKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ordered.PutIfNewerManyAsync([KvItem.FromString(_partition, "a", "short")]).AsTask());
    }

    [Fact]
    public async Task PutIfNewerMany_ConcurrentWriters_TheNewestValueWinsForEveryKey()
    {
        var keys = Enumerable.Range(0, 60).Select(i => $"k{i:D3}").ToArray();

        // Writer w (its own client) writes order key (w * 7 % 6) for every key, so the newest writer is not the last one started.
        await Task.WhenAll(Enumerable.Range(1, 6).Select(w => Task.Run(async () =>
        {
            var own = CreateSut(Clock);
            try
            {
                await ((IKeyValueOrderedWrite)own).PutIfNewerManyAsync(keys.Select(k => Item(k, w * 7 % 6, (byte)w)).ToList());
            }
            finally
            {
                (own as IDisposable)?.Dispose();
            }
        })));

        Assert.All(await ReadAsync(keys), s => Assert.Equal((5L, 5), s));
    }

    private KvItem Item(string key, long order, byte payload) => new(_partition, key, Value(order, payload));

    private static byte[] Value(long order, byte payload)
    {
        var value = new byte[9];
        BinaryPrimitives.WriteInt64BigEndian(value, order);
        value[8] = payload;
        return value;
    }

    private async Task<List<(long Order, int Payload)>> ReadAsync(params string[] keys)
    {
        var result = new List<(long, int)>();
        foreach (var key in keys)
        {
            var item = await Store.GetAsync(_partition, key);
            Assert.NotNull(item);
            result.Add((BinaryPrimitives.ReadInt64BigEndian(item.Value.Span), item.Value.Length > 8 ? item.Value.Span[8] : -1));
        }

        return result;
    }
}
