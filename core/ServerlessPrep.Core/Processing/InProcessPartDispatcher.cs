using System.Collections.Concurrent;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Runs the parts of a large object as tasks of this process, at most <paramref name="parallelism"/> at a time. A part that failed
/// transiently is run again (its claim counts the attempt), up to <paramref name="maxAttempts"/> rounds, like a redelivered message.
/// </summary>
internal sealed class InProcessPartDispatcher(Func<ObjectCreated, CancellationToken, Task<ProcessingOutcome>> run, int parallelism, int maxAttempts) : IPartDispatcher
{
    public bool RunsInProcess => true;

    public string Target => "this process";

    public async Task DispatchAsync(IReadOnlyList<ObjectCreated> parts, CancellationToken cancellationToken)
    {
        var pending = parts;
        for (var round = 0; round < maxAttempts && pending.Count > 0; round++)
        {
            var failed = new ConcurrentBag<ObjectCreated>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (part, ct) =>
            {
                var outcome = await run(part, ct).ConfigureAwait(false);
                if (outcome.Retryable)
                {
                    failed.Add(part);
                }
            }).ConfigureAwait(false);
            pending = [.. failed.OrderBy(p => p.Part!.Index)];
        }
    }
}
