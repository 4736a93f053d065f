using System.Text;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Frozen transform states (<c>fit#&lt;version&gt;</c>, immutable, content-addressed), the active one per dataset (<c>fit@active</c>),
/// and the inferred spec of datasets that have none (<c>spec@inferred</c>, fixed by the first object so all partitions agree).
/// </summary>
public sealed class FitRepository(IKeyValueStore kv)
{
    public async Task<FitState?> GetActiveAsync(string dataset, CancellationToken cancellationToken)
    {
        var pointer = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.ActiveFit, cancellationToken).ConfigureAwait(false);
        return pointer is null ? null : await GetAsync(dataset, pointer.ValueAsString, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FitState?> GetAsync(string dataset, string version, CancellationToken cancellationToken)
    {
        var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.Fit(version), cancellationToken).ConfigureAwait(false);
        return item is null ? null : FitState.FromJson(item.ValueAsString);
    }

    /// <summary>Stores a fit (idempotent: the key is its content hash) and makes it the dataset's active one.</summary>
    public async Task ActivateAsync(FitState fit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var pk = KvKeys.Dataset(fit.Dataset);
        await kv.PutAsync(new KvItem(pk, KvKeys.Fit(fit.Version), Encoding.UTF8.GetBytes(fit.ToJson())), KvWriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false);
        await kv.PutAsync(KvItem.FromString(pk, KvKeys.ActiveFit, fit.Version), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DatasetSpec?> GetInferredSpecAsync(string dataset, CancellationToken cancellationToken)
    {
        var item = await kv.GetAsync(KvKeys.Dataset(dataset), KvKeys.InferredSpec, cancellationToken).ConfigureAwait(false);
        return item is null ? null : SpecParser.Parse(item.ValueAsString, $"{dataset} (inferred)").Datasets[0];
    }

    /// <summary>Stores the inferred spec unless another object got there first; returns the one that is stored.</summary>
    public async Task<DatasetSpec> SaveInferredSpecAsync(DatasetSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var yaml = SpecWriter.Write([spec]);
        var written = await kv.PutAsync(KvItem.FromString(KvKeys.Dataset(spec.Name), KvKeys.InferredSpec, yaml), KvWriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false);
        return written is not null ? spec : (await GetInferredSpecAsync(spec.Name, cancellationToken).ConfigureAwait(false))!;
    }
}
