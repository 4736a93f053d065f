using System.Runtime.CompilerServices;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>An <see cref="IObjectStore"/> whose calls (and reads of opened streams) fail at random.</summary>
internal sealed class FaultyObjectStore(IObjectStore inner, FaultInjector faults) : IObjectStore
{
    public string Uri => inner.Uri;

    public async ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("object info");
        return await inner.GetInfoAsync(key, cancellationToken);
    }

    public async ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("object open");
        return new FaultyStream(await inner.OpenReadAsync(key, cancellationToken), faults);
    }

    public async ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        if (faults.AfterCommit())
        {
            await inner.PutAsync(key, content, cancellationToken);
            faults.MaybeFail("object put (after commit)");
            return;
        }

        faults.MaybeFail("object put");
        await inner.PutAsync(key, content, cancellationToken);
    }

    public async ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("object put-if-absent");
        return await inner.PutIfAbsentAsync(key, content, cancellationToken);
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("object delete");
        await inner.DeleteAsync(key, cancellationToken);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        faults.MaybeFail("object list");
        await foreach (var info in inner.ListAsync(prefix, cancellationToken))
        {
            yield return info;
        }
    }
}
