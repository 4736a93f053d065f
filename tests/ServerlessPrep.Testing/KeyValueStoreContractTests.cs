using Microsoft.Extensions.Time.Testing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

/// <summary>
/// The behaviour every <see cref="IKeyValueStore"/> adapter must have, as xUnit tests.
/// </summary>
/// <remarks>
/// How to derive (one class per adapter, in that adapter's test project):
/// <code>
/// public sealed class DynamoDbKeyValueStoreTests(DynaliteFixture fixture) : KeyValueStoreContractTests, IClassFixture&lt;DynaliteFixture&gt;
/// {
///     protected override IKeyValueStore CreateSut(TimeProvider timeProvider) => new DynamoDbKeyValueStore(fixture.Client, fixture.Table, timeProvider);
/// }
/// </code>
/// <list type="bullet">
/// <item><see cref="CreateSut"/> may return a store over a shared table: every test writes under partitions made unique with
/// <see cref="TestData.Unique"/>. The store must take its clock from the given <see cref="TimeProvider"/> (a <see cref="FakeTimeProvider"/>)
/// to decide expiry, because the TTL tests move that clock, not the server's.</item>
/// <item>Override <see cref="CreateSecondClient"/> to return another client over the same table (another connection or SDK client) so the race
/// tests run across clients; the default reuses the first one.</item>
/// <item>Keys contain '#', '/', spaces and non-ASCII text, as the real layout does (<c>obj#raw/a b.parquet#v1</c>); stores whose keys forbid
/// some characters (Azure Table storage forbids '/', '\', '#', '?') must encode them reversibly and keep the ordinal order of sort keys.</item>
/// <item>Version tokens are opaque, but a token must never match a later item: not after an overwrite, nor after a delete and re-create.</item>
/// <item>Expiry needs only whole-second precision (DynamoDB TTL is in epoch seconds): the tests use whole-second times.</item>
/// </list>
/// </remarks>
public abstract partial class KeyValueStoreContractTests : IAsyncLifetime
{
    /// <summary>The fake clock handed to <see cref="CreateSut"/>, starting at a whole second.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    /// <summary>A store whose notion of "now" (for expiry) comes from <paramref name="timeProvider"/>.</summary>
    protected abstract IKeyValueStore CreateSut(TimeProvider timeProvider);

    /// <summary>A second, independent client over the same data as <paramref name="sut"/>.</summary>
    protected virtual IKeyValueStore CreateSecondClient(IKeyValueStore sut, TimeProvider timeProvider) => sut;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected IKeyValueStore CreateSut() => CreateSut(Clock);

    protected static string NewPartition() => TestData.Unique("ds#test-");

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        var sut = CreateSut();

        Assert.Null(await sut.GetAsync(NewPartition(), "obj#missing"));
    }

    [Fact]
    public async Task PutAsync_Unconditional_RoundTripsValueAndToken()
    {
        var sut = CreateSut();
        var pk = NewPartition();

        var token = await sut.PutAsync(KvItem.FromString(pk, "schema#1", "{\"columns\":3}"), KvWriteCondition.None);
        var item = await sut.GetAsync(pk, "schema#1");

        Assert.False(string.IsNullOrEmpty(token));
        Assert.NotNull(item);
        Assert.Equal(pk, item.PartitionKey);
        Assert.Equal("schema#1", item.SortKey);
        Assert.Equal("{\"columns\":3}", item.ValueAsString);
        Assert.Equal(token, item.VersionToken);
        Assert.Null(item.ExpiresAt);
    }

    [Fact]
    public async Task PutAsync_BinaryValue_RoundTripsEveryByte()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var value = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(TestData.Bytes(32 * 1024)).ToArray();

        await sut.PutAsync(new KvItem(pk, "fit#1", value), KvWriteCondition.None);

        Assert.Equal(value, (await sut.GetAsync(pk, "fit#1"))?.Value.ToArray());
    }

    [Fact]
    public async Task PutAsync_EmptyValue_RoundTripsAsEmpty()
    {
        var sut = CreateSut();
        var pk = NewPartition();

        await sut.PutAsync(new KvItem(pk, "empty", ReadOnlyMemory<byte>.Empty), KvWriteCondition.None);

        var item = await sut.GetAsync(pk, "empty");
        Assert.NotNull(item);
        Assert.Equal(0, item.Value.Length);
    }

    [Fact]
    public async Task PutAsync_KeysWithSeparatorsSpacesAndUnicode_RoundTrip()
    {
        var sut = CreateSut();
        var pk = NewPartition() + "#ent/ä b?";
        const string sk = "obj#raw/dir with space/ü%2F\\x?.parquet#v1";

        await sut.PutAsync(KvItem.FromString(pk, sk, "v"), KvWriteCondition.None);

        Assert.Equal("v", (await sut.GetAsync(pk, sk))?.ValueAsString);
        var queried = Assert.Single(await sut.QueryAsync(pk, "obj#raw/dir with").ToListAsync());
        Assert.Equal(sk, queried.SortKey);
        Assert.Equal(pk, queried.PartitionKey);
    }

    [Fact]
    public async Task PutAsync_UnconditionalOverwrite_ReplacesValueAndChangesToken()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var first = await sut.PutAsync(KvItem.FromString(pk, "k", "one"), KvWriteCondition.None);

        var second = await sut.PutAsync(KvItem.FromString(pk, "k", "two"), KvWriteCondition.None);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal("two", (await sut.GetAsync(pk, "k"))?.ValueAsString);
    }

    [Fact]
    public async Task PutAsync_IgnoresVersionTokenOnTheItem()
    {
        var sut = CreateSut();
        var pk = NewPartition();

        var token = await sut.PutAsync(new KvItem(pk, "k", new byte[] { 1 }, VersionToken: "caller-made-up"), KvWriteCondition.None);

        Assert.NotNull(token);
        Assert.Equal(token, (await sut.GetAsync(pk, "k"))?.VersionToken);
    }

    [Fact]
    public async Task DeleteAsync_Existing_GetReturnsNull()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "k", "v"), KvWriteCondition.None);

        await sut.DeleteAsync(pk, "k");

        Assert.Null(await sut.GetAsync(pk, "k"));
        Assert.Empty(await sut.QueryAsync(pk).ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_Missing_DoesNotThrow()
    {
        var sut = CreateSut();
        var pk = NewPartition();

        await sut.DeleteAsync(pk, "never");

        Assert.Null(await sut.GetAsync(pk, "never"));
    }

    [Fact]
    public async Task DeleteAsync_OneItem_LeavesSiblings()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "a", "1"), KvWriteCondition.None);
        await sut.PutAsync(KvItem.FromString(pk, "b", "2"), KvWriteCondition.None);

        await sut.DeleteAsync(pk, "a");

        Assert.Equal(["b"], (await sut.QueryAsync(pk).ToListAsync()).Select(item => item.SortKey));
    }
}
