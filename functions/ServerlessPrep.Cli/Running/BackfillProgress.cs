using System.Globalization;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Cli.Running;

/// <summary>A queued backfill's progress on stderr, through the same reporter as an in-process run (objects, rows, MB/s, ETA).</summary>
internal sealed class BackfillProgress(IProgressReporter progress, TextWriter error, string queue) : IBackfillObserver
{
    public void Listed(int objects, long bytes) => progress.Start(objects, bytes);

    public void Enqueued(int messages) => error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enqueued {messages:N0} on {queue}"));

    public void ObjectDone(ProcessingOutcome outcome) => progress.ObjectDone(outcome);
}
