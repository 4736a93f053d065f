using System.Collections.Concurrent;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Aws.Tests.Handlers;

/// <summary>Records calls and answers with an outcome chosen per object.</summary>
internal sealed class FakeProcessor : IObjectProcessor
{
    private readonly Func<ObjectCreated, ProcessingOutcome> _answer;

    public FakeProcessor(Func<ObjectCreated, ProcessingOutcome>? answer = null)
        => _answer = answer ?? (c => new ProcessingOutcome { Key = c.Key, Status = ObjectStatus.Processed });

    public ConcurrentQueue<ObjectCreated> Calls { get; } = new();

    public static ProcessingOutcome Outcome(ObjectCreated created, ObjectStatus status, string? reason = null)
        => new() { Key = created.Key, Status = status, Reason = reason };

    public Task<ProcessingOutcome> ProcessAsync(ObjectCreated created, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(created);
        return Task.FromResult(_answer(created));
    }
}
