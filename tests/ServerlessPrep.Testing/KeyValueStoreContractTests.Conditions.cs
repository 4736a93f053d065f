using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

public abstract partial class KeyValueStoreContractTests
{
    [Fact]
    public async Task PutAsync_IfAbsentWhenAbsent_WritesAndReturnsToken()
    {
        var sut = CreateSut();
        var pk = NewPartition();

        var token = await sut.PutAsync(KvItem.FromString(pk, "obj#a#v1", "INPROGRESS"), KvWriteCondition.IfAbsent);

        Assert.NotNull(token);
        Assert.Equal(token, (await sut.GetAsync(pk, "obj#a#v1"))?.VersionToken);
    }

    [Fact]
    public async Task PutAsync_IfAbsentWhenPresent_ReturnsNullAndKeepsItem()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var token = await sut.PutAsync(KvItem.FromString(pk, "obj#a#v1", "first"), KvWriteCondition.IfAbsent);

        var second = await sut.PutAsync(KvItem.FromString(pk, "obj#a#v1", "second"), KvWriteCondition.IfAbsent);

        Assert.Null(second);
        var item = await sut.GetAsync(pk, "obj#a#v1");
        Assert.Equal("first", item?.ValueAsString);
        Assert.Equal(token, item?.VersionToken);
    }

    [Fact]
    public async Task PutAsync_IfVersionWithCurrentToken_WritesAndReturnsNewToken()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var token = await sut.PutAsync(KvItem.FromString(pk, "k", "INPROGRESS"), KvWriteCondition.IfAbsent);

        var next = await sut.PutAsync(KvItem.FromString(pk, "k", "COMPLETED"), KvWriteCondition.IfVersion(token!));

        Assert.NotNull(next);
        Assert.NotEqual(token, next);
        var item = await sut.GetAsync(pk, "k");
        Assert.Equal("COMPLETED", item?.ValueAsString);
        Assert.Equal(next, item?.VersionToken);
    }

    [Fact]
    public async Task PutAsync_IfVersionWithStaleToken_ReturnsNullAndKeepsItem()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var stale = await sut.PutAsync(KvItem.FromString(pk, "k", "one"), KvWriteCondition.None);
        var current = await sut.PutAsync(KvItem.FromString(pk, "k", "two"), KvWriteCondition.IfVersion(stale!));

        var result = await sut.PutAsync(KvItem.FromString(pk, "k", "three"), KvWriteCondition.IfVersion(stale!));

        Assert.Null(result);
        var item = await sut.GetAsync(pk, "k");
        Assert.Equal("two", item?.ValueAsString);
        Assert.Equal(current, item?.VersionToken);
    }

    [Fact]
    public async Task PutAsync_IfVersionWhenMissing_ReturnsNullAndWritesNothing()
    {
        var sut = CreateSut();
        var pk = NewPartition();

        var result = await sut.PutAsync(KvItem.FromString(pk, "k", "v"), KvWriteCondition.IfVersion("1"));

        Assert.Null(result);
        Assert.Null(await sut.GetAsync(pk, "k"));
    }

    [Fact]
    public async Task PutAsync_IfVersionWithForeignToken_ReturnsNull()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        await sut.PutAsync(KvItem.FromString(pk, "k", "v"), KvWriteCondition.None);

        var result = await sut.PutAsync(KvItem.FromString(pk, "k", "w"), KvWriteCondition.IfVersion("W/\"not-a-token-of-this-store\""));

        Assert.Null(result);
        Assert.Equal("v", (await sut.GetAsync(pk, "k"))?.ValueAsString);
    }

    [Fact]
    public async Task PutAsync_IfVersionWithTokenOfDeletedItem_ReturnsNullForRecreatedItem()
    {
        var sut = CreateSut();
        var pk = NewPartition();
        var old = await sut.PutAsync(KvItem.FromString(pk, "k", "old"), KvWriteCondition.IfAbsent);
        await sut.DeleteAsync(pk, "k");
        await sut.PutAsync(KvItem.FromString(pk, "k", "new"), KvWriteCondition.IfAbsent);

        var result = await sut.PutAsync(KvItem.FromString(pk, "k", "stale writer"), KvWriteCondition.IfVersion(old!));

        Assert.Null(result);
        Assert.Equal("new", (await sut.GetAsync(pk, "k"))?.ValueAsString);
    }

    [Fact]
    public async Task PutAsync_ConcurrentIfAbsent_ExactlyOneWins()
    {
        var first = CreateSut();
        var second = CreateSecondClient(first, Clock);
        var pk = NewPartition();
        const int writers = 16;

        var tokens = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? first : second).PutAsync(KvItem.FromString(pk, "obj#claim", $"worker-{i}"), KvWriteCondition.IfAbsent))));

        Assert.Single(tokens, token => token is not null);
        var winner = Array.FindIndex(tokens, token => token is not null);
        var item = await second.GetAsync(pk, "obj#claim");
        Assert.Equal($"worker-{winner}", item?.ValueAsString);
        Assert.Equal(tokens[winner], item?.VersionToken);
    }

    [Fact]
    public async Task PutAsync_ConcurrentIfVersionWithSameToken_ExactlyOneWins()
    {
        var first = CreateSut();
        var second = CreateSecondClient(first, Clock);
        var pk = NewPartition();
        var token = await first.PutAsync(KvItem.FromString(pk, "lease", "free"), KvWriteCondition.None);
        const int writers = 16;

        var tokens = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? first : second).PutAsync(KvItem.FromString(pk, "lease", $"owner-{i}"), KvWriteCondition.IfVersion(token!)))));

        Assert.Single(tokens, t => t is not null);
        var winner = Array.FindIndex(tokens, t => t is not null);
        Assert.Equal($"owner-{winner}", (await first.GetAsync(pk, "lease"))?.ValueAsString);
    }

    [Fact]
    public async Task PutAsync_ConcurrentUnconditionalWrites_AllSucceedWithDistinctTokens()
    {
        var first = CreateSut();
        var second = CreateSecondClient(first, Clock);
        var pk = NewPartition();
        const int writers = 12;

        var tokens = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? first : second).PutAsync(KvItem.FromString(pk, "counter", $"{i}"), KvWriteCondition.None))));

        Assert.All(tokens, Assert.NotNull);
        Assert.Equal(writers, tokens.Distinct(StringComparer.Ordinal).Count());
        var item = await first.GetAsync(pk, "counter");
        Assert.Contains(item?.VersionToken, tokens);
    }

    [Fact]
    public async Task PutAsync_OptimisticIncrementsFromTwoClients_LoseNoUpdate()
    {
        var first = CreateSut();
        var second = CreateSecondClient(first, Clock);
        var pk = NewPartition();
        await first.PutAsync(KvItem.FromString(pk, "counter", "0"), KvWriteCondition.None);
        const int incrementsPerClient = 15;

        await Task.WhenAll(new[] { first, second }.Select(client => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsPerClient;)
            {
                var current = await client.GetAsync(pk, "counter");
                var next = int.Parse(current!.ValueAsString, System.Globalization.CultureInfo.InvariantCulture) + 1;
                var item = KvItem.FromString(pk, "counter", next.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (await client.PutAsync(item, KvWriteCondition.IfVersion(current.VersionToken!)) is not null)
                {
                    done++;
                }
            }
        })));

        Assert.Equal($"{2 * incrementsPerClient}", (await first.GetAsync(pk, "counter"))?.ValueAsString);
    }
}
