using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>Everything one object run needs, built once per processor.</summary>
internal sealed record ProcessorContext(
    IObjectStore Lake,
    IObjectStore Output,
    IKeyValueStore Kv,
    SpecSet Specs,
    ProcessorOptions Options,
    TimeProvider Time,
    ILogger Logger)
{
    public DatasetCatalog Catalog { get; } = new(Kv, Time);

    public ObjectClaims Claims { get; } = new(Kv, Time, Options);

    public FitRepository Fits { get; } = new(Kv);

    public ObjectMonitor Monitor { get; } = new(Kv, Time);
}
