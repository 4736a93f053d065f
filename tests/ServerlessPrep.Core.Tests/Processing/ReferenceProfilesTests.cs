using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Local;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class ReferenceProfilesTests
{
    [Fact]
    public async Task GetActive_TwiceForTheSameReference_ReadsTheStoredProfileOnceAndFollowsANewReference()
    {
        var kv = new ReadCountingStore(new InMemoryKeyValueStore());
        var references = new ReferenceProfiles(kv, TimeProvider.System);
        var first = await references.SetAsync("orders", new DatasetProfile(100, 1, []), "test", default);

        var a = await references.GetActiveAsync("orders", default);
        var b = await references.GetActiveAsync("orders", default);

        Assert.Equal(first.Id, a!.Value.Info.Id);
        Assert.Equal(100, b!.Value.Profile.RowCount);
        Assert.Equal(1, kv.Reads(KvKeys.Reference(first.Id)));
        Assert.Equal(2, kv.Reads(KvKeys.ActiveReference));

        var second = await references.SetAsync("orders", new DatasetProfile(250, 2, []), "test", default);
        var c = await references.GetActiveAsync("orders", default);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal((second.Id, 250L), (c!.Value.Info.Id, c.Value.Profile.RowCount));
    }

    private sealed class ReadCountingStore(IKeyValueStore inner) : IKeyValueStore
    {
        private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

        public int Reads(string sortKey) => _reads.GetValueOrDefault(sortKey);

        public ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
        {
            _reads[sortKey] = Reads(sortKey) + 1;
            return inner.GetAsync(partitionKey, sortKey, cancellationToken);
        }

        public ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
            => inner.PutAsync(item, condition, cancellationToken);

        public IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", CancellationToken cancellationToken = default)
            => inner.QueryAsync(partitionKey, sortKeyPrefix, cancellationToken);

        public ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
            => inner.DeleteAsync(partitionKey, sortKey, cancellationToken);
    }
}
