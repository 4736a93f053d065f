using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>Processes one created object end to end: claim, discover, read, profile, check, featurize, split, write, complete.</summary>
public sealed class Processor : IObjectProcessor
{
    private readonly IObjectStore _lake;
    private readonly IObjectStore _output;
    private readonly IKeyValueStore _kv;
    private readonly SpecSet _specs;
    private readonly ProcessorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public Processor(IObjectStore lake, IObjectStore output, IKeyValueStore kv, SpecSet specs, ProcessorOptions options, TimeProvider time, ILogger<Processor>? logger = null)
    {
        _lake = lake;
        _output = output;
        _kv = kv;
        _specs = specs;
        _options = options;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public Task<ProcessingOutcome> ProcessAsync(ObjectCreated created, CancellationToken cancellationToken = default)
    {
        // Placeholder until the pipeline lands: hosts can be wired against the final signature.
        _ = (_lake, _output, _kv, _specs, _options, _time, _logger);
        return Task.FromResult(new ProcessingOutcome { Key = created.Key, Status = ObjectStatus.Skipped, Reason = "pipeline not implemented yet" });
    }
}
