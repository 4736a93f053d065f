using ServerlessPrep.Core.Storage;
using ServerlessPrep.Gcp.Storage;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

public sealed class GcsKeyValueStoreTests
{
    private readonly FakeGcs _gcs = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task PutAsync_IfAbsentTwice_SecondReturnsNullAndTokenIsGeneration()
    {
        var kv = CreateSut();

        var first = await kv.PutAsync(KvItem.FromString("ds#sales", "obj#a/b.csv#1", "INPROGRESS"), KvWriteCondition.IfAbsent);
        var second = await kv.PutAsync(KvItem.FromString("ds#sales", "obj#a/b.csv#1", "OTHER"), KvWriteCondition.IfAbsent);

        Assert.NotNull(first);
        Assert.Null(second);
        var stored = await kv.GetAsync("ds#sales", "obj#a/b.csv#1");
        Assert.Equal("INPROGRESS", stored!.ValueAsString);
        Assert.Equal(first, stored.VersionToken);
        Assert.Equal(first, _gcs.Find("kv", kv.Name("ds#sales", "obj#a/b.csv#1"))!.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PutAsync_IfVersion_SendsIfGenerationMatchAndRejectsStale()
    {
        var kv = CreateSut();
        var v1 = await kv.PutAsync(KvItem.FromString("p", "k", "1"), KvWriteCondition.None);

        var v2 = await kv.PutAsync(KvItem.FromString("p", "k", "2"), KvWriteCondition.IfVersion(v1!));
        var stale = await kv.PutAsync(KvItem.FromString("p", "k", "3"), KvWriteCondition.IfVersion(v1!));
        var garbage = await kv.PutAsync(KvItem.FromString("p", "k", "4"), KvWriteCondition.IfVersion("not-a-generation"));

        Assert.NotNull(v2);
        Assert.Null(stale);
        Assert.Null(garbage);
        Assert.Equal("2", (await kv.GetAsync("p", "k"))!.ValueAsString);
        Assert.Contains(_gcs.Requests, r => r.Query("ifGenerationMatch") == v1);
    }

    [Fact]
    public async Task PutAsync_ConcurrentClaims_ExactlyOneWins()
    {
        var kv = CreateSut();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            kv.PutAsync(KvItem.FromString("ds#x", "obj#k#1", "w" + i), KvWriteCondition.IfAbsent).AsTask()));

        Assert.Single(claims, c => c is not null);
    }

    [Fact]
    public async Task QueryAsync_Prefix_ReturnsMatchesInOrdinalOrder()
    {
        var kv = CreateSut();
        string[] keys = ["obj#a/b#2", "obj#a/b#1", "obj#a/c?#1", "obj#a.b#1", "obj#a0", "schema#1"];
        foreach (var key in keys)
        {
            await kv.PutAsync(KvItem.FromString("ds#d", key, key), KvWriteCondition.None);
        }

        await kv.PutAsync(KvItem.FromString("ds#other", "obj#a/z", "x"), KvWriteCondition.None);
        var found = new List<string>();
        await foreach (var item in kv.QueryAsync("ds#d", "obj#a/"))
        {
            Assert.Equal(item.SortKey, item.ValueAsString);
            found.Add(item.SortKey);
        }

        Assert.Equal(["obj#a/b#1", "obj#a/b#2", "obj#a/c?#1"], found);
    }

    [Fact]
    public async Task PutAsync_IfAbsentOverExpiredItem_Replaces()
    {
        var kv = CreateSut();
        await kv.PutAsync(KvItem.FromString("p", "lease", "old", _time.GetUtcNow().AddMinutes(1)), KvWriteCondition.IfAbsent);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(await kv.GetAsync("p", "lease"));
        Assert.NotNull(await kv.PutAsync(KvItem.FromString("p", "lease", "new"), KvWriteCondition.IfAbsent));
        Assert.Equal("new", (await kv.GetAsync("p", "lease"))!.ValueAsString);
    }

    [Fact]
    public async Task DeleteAsync_Missing_NoError()
    {
        var kv = CreateSut();
        await kv.PutAsync(KvItem.FromString("p", "k", "v"), KvWriteCondition.None);

        await kv.DeleteAsync("p", "k");
        await kv.DeleteAsync("p", "k");

        Assert.Null(await kv.GetAsync("p", "k"));
    }

    [Fact]
    public void Name_ForbiddenCharacters_AreEncodedUnderPrefix()
    {
        var name = CreateSut().Name("ds#a/b", "obj#x?y");

        Assert.StartsWith("state/", name, StringComparison.Ordinal);
        Assert.Equal(2, name.Count(c => c == '/'));
        Assert.DoesNotContain('#', name);
        Assert.DoesNotContain('?', name);
    }

    private GcsKeyValueStore CreateSut() => new(FakeGcsClient.Create(_gcs), "kv", "state", _time);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
