using System.Collections.Concurrent;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Tests.Backfill;

/// <summary>A work queue that keeps its messages; a test's "functions" drain it (or never do, to leave objects pending).</summary>
internal sealed class RecordingWorkQueue : IWorkQueue
{
    public ConcurrentQueue<ObjectCreated> Messages { get; } = new();

    public int Enqueued { get; private set; }

    public Func<IReadOnlyList<ObjectCreated>, Task>? OnEnqueued { get; init; }

    public string Uri => "test://queue";

    public ObjectCreated AsDelivered(ObjectCreated created) => created with { Source = "queue" };

    public async ValueTask EnqueueAsync(IReadOnlyList<ObjectCreated> objects, CancellationToken cancellationToken = default)
    {
        foreach (var created in objects)
        {
            Messages.Enqueue(created);
        }

        Enqueued += objects.Count;
        if (OnEnqueued is not null)
        {
            await OnEnqueued(objects);
        }
    }
}
