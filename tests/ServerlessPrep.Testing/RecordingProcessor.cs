using System.Collections.Concurrent;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Testing;

/// <summary>Records what the host hands the core and answers with a fixed status (or throws).</summary>
public sealed class RecordingProcessor : IObjectProcessor
{
    private readonly ObjectStatus _status;
    private readonly Exception? _throw;

    public RecordingProcessor(ObjectStatus status = ObjectStatus.Processed, Exception? toThrow = null)
    {
        _status = status;
        _throw = toThrow;
    }

    public ConcurrentQueue<ObjectCreated> Received { get; } = new();

    public Task<ProcessingOutcome> ProcessAsync(ObjectCreated created, CancellationToken cancellationToken = default)
    {
        Received.Enqueue(created);
        if (_throw is not null)
        {
            throw _throw;
        }

        return Task.FromResult(new ProcessingOutcome { Key = created.Key, Status = _status, Reason = "recorded" });
    }
}
