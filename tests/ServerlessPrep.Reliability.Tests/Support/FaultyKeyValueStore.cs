using System.Runtime.CompilerServices;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>An <see cref="IKeyValueStore"/> whose calls fail at random; a failed write may or may not have taken effect.</summary>
internal sealed class FaultyKeyValueStore(IKeyValueStore inner, FaultInjector faults) : IKeyValueStore
{
    public async ValueTask<KvItem?> GetAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("kv get");
        return await inner.GetAsync(partitionKey, sortKey, cancellationToken);
    }

    public async ValueTask<string?> PutAsync(KvItem item, KvWriteCondition condition, CancellationToken cancellationToken = default)
    {
        if (faults.AfterCommit())
        {
            var token = await inner.PutAsync(item, condition, cancellationToken);
            faults.MaybeFail("kv put (after commit)");
            return token;
        }

        faults.MaybeFail("kv put");
        return await inner.PutAsync(item, condition, cancellationToken);
    }

    public async IAsyncEnumerable<KvItem> QueryAsync(string partitionKey, string sortKeyPrefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("kv query");
        await foreach (var item in inner.QueryAsync(partitionKey, sortKeyPrefix, cancellationToken))
        {
            yield return item;
        }
    }

    public async ValueTask DeleteAsync(string partitionKey, string sortKey, CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("kv delete");
        await inner.DeleteAsync(partitionKey, sortKey, cancellationToken);
    }
}
