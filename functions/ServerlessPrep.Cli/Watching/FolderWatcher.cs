using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Cli.Watching;

/// <summary>
/// The local stand-in for storage events: polls the lake and hands each new or changed object to the processor once it has stopped
/// changing. A file is "settled" when its size and modification time are the same in two polls at least <c>quietPeriod</c> apart,
/// so a file still being written (copy, slow upload) is never read half-written. Polling rather than inotify keeps it correct on
/// network and container file systems where change notifications are lost.
/// </summary>
internal sealed class FolderWatcher(LocalWorkspace workspace, BatchRunner runner, IProgressReporter progress, TimeSpan pollInterval, TimeSpan quietPeriod, TimeProvider time)
{
    private readonly Dictionary<string, Observation> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _handled = new(StringComparer.Ordinal);

    public async Task<RunSummary> RunAsync(string prefix, CancellationToken cancellationToken)
    {
        var summary = new RunSummary();
        progress.Start(0, 0);
        try
        {
            using var timer = new PeriodicTimer(pollInterval, time);
            do
            {
                foreach (var ready in await PollAsync(prefix, cancellationToken).ConfigureAwait(false))
                {
                    var outcome = await workspace.Processor.ProcessAsync(runner.ToEvent(ready) with { Source = "watch" }, cancellationToken).ConfigureAwait(false);
                    _handled[ready.Key] = Fingerprint(ready);
                    summary.Add(outcome);
                    progress.ObjectDone(outcome);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: finished objects are recorded; the summary below covers them.
        }
        finally
        {
            progress.Stop();
            summary.Sort();
        }

        return summary;
    }

    internal async Task<IReadOnlyList<ObjectInfo>> PollAsync(string prefix, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ready = new List<ObjectInfo>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var info in workspace.Lake.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            seen.Add(info.Key);
            var fingerprint = Fingerprint(info);
            if (_handled.TryGetValue(info.Key, out var done) && done == fingerprint)
            {
                continue;
            }

            if (_pending.TryGetValue(info.Key, out var previous) && previous.Fingerprint == fingerprint)
            {
                if (now - previous.Since >= quietPeriod)
                {
                    _pending.Remove(info.Key);
                    ready.Add(info);
                }
            }
            else
            {
                _pending[info.Key] = new Observation(fingerprint, now);
            }
        }

        foreach (var gone in _pending.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _pending.Remove(gone);
        }

        return ready;
    }

    private static string Fingerprint(ObjectInfo info) => $"{info.Size}:{info.LastModified.UtcTicks}:{info.ETag}";

    private readonly record struct Observation(string Fingerprint, DateTimeOffset Since);
}
