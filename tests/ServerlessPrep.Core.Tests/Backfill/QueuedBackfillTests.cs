using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Tests.Processing;

namespace ServerlessPrep.Core.Tests.Backfill;

public sealed class QueuedBackfillTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task RunAsync_FunctionsDrainTheQueue_AccountsForEveryListedObjectExactlyOnce()
    {
        await LakeWithFourKeysAsync();
        var processor = _lake.CreateProcessor();
        var queue = new RecordingWorkQueue { OnEnqueued = batch => ProcessAllAsync(processor, batch) };

        var result = await Backfill(queue).RunAsync(string.Empty, new QueuedBackfillOptions());

        Assert.Equal(4, result.Outcomes.Count);
        Assert.Equal(3, result.Enqueued);
        Assert.Equal(["orders/bad.parquet", "orders/date=2024-01-01/a.parquet", "orders/date=2024-01-02/b.parquet"], queue.Messages.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.Count(ObjectStatus.Processed));
        Assert.Equal(1, result.Count(ObjectStatus.Quarantined));
        var skipped = Assert.Single(result.Outcomes, o => o.Status == ObjectStatus.Skipped);
        Assert.Equal("orders/_SUCCESS", skipped.Key);
        Assert.Contains("not a data file", skipped.Reason, StringComparison.Ordinal);
        var processed = result.Outcomes.Single(o => o.Key == "orders/date=2024-01-01/a.parquet");
        Assert.Equal(2, processed.RowsIn);
        Assert.Contains("features/orders/date=2024-01-01/a.parquet", processed.Outputs);
        Assert.Contains("Parquet", result.Outcomes.Single(o => o.Status == ObjectStatus.Quarantined).Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_SecondRun_SkipsWhatFinishedAndEnqueuesNothing()
    {
        await LakeWithFourKeysAsync();
        var processor = _lake.CreateProcessor();
        var queue = new RecordingWorkQueue { OnEnqueued = batch => ProcessAllAsync(processor, batch) };
        await Backfill(queue).RunAsync(string.Empty, new QueuedBackfillOptions());

        var again = await Backfill(queue).RunAsync(string.Empty, new QueuedBackfillOptions());

        Assert.Equal(0, again.Enqueued);
        Assert.Equal(4, again.Count(ObjectStatus.Skipped));
        Assert.StartsWith("already processed", again.Outcomes.Single(o => o.Key == "orders/date=2024-01-01/a.parquet").Reason, StringComparison.Ordinal);
        Assert.Equal(2, again.Outcomes.Single(o => o.Key == "orders/date=2024-01-01/a.parquet").RowsIn);
        Assert.StartsWith("already quarantined", again.Outcomes.Single(o => o.Key == "orders/bad.parquet").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NobodyConsumes_ReportsPendingAtTheTimeoutAndTheNextRunResumes()
    {
        await LakeWithFourKeysAsync();
        var idle = new RecordingWorkQueue();

        var stopped = await Backfill(idle).RunAsync(string.Empty, new QueuedBackfillOptions { Timeout = TimeSpan.Zero });

        Assert.Equal(3, stopped.Count(ObjectStatus.Pending));
        Assert.All(stopped.Outcomes.Where(o => o.Status == ObjectStatus.Pending), o => Assert.Contains("no processing record yet", o.Reason, StringComparison.Ordinal));
        Assert.Equal(4, stopped.Outcomes.Count);

        // Half of the work got done meanwhile (e.g. the functions caught up on one message); the rerun enqueues the rest again.
        var processor = _lake.CreateProcessor();
        await processor.ProcessAsync(idle.Messages.Single(m => m.Key == "orders/date=2024-01-01/a.parquet"));
        var working = new RecordingWorkQueue { OnEnqueued = batch => ProcessAllAsync(processor, batch) };
        var resumed = await Backfill(working).RunAsync(string.Empty, new QueuedBackfillOptions { Timeout = TimeSpan.Zero });

        Assert.Equal(2, resumed.Enqueued);
        Assert.Equal(0, resumed.Count(ObjectStatus.Pending));
        Assert.Equal(1, resumed.Count(ObjectStatus.Processed));
        Assert.StartsWith("already processed", resumed.Outcomes.Single(o => o.Key == "orders/date=2024-01-01/a.parquet").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InProgressElsewhereAtTheTimeout_SaysSo()
    {
        await _lake.PutParquetAsync("orders/a.parquet", Orders(2));
        var queue = new RecordingWorkQueue
        {
            OnEnqueued = async batch =>
            {
                var claims = new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions());
                await claims.TryClaimAsync("orders", batch[0], "run-7", default);
            },
        };

        var result = await Backfill(queue).RunAsync(string.Empty, new QueuedBackfillOptions { Timeout = TimeSpan.Zero });

        var pending = Assert.Single(result.Outcomes);
        Assert.Equal(ObjectStatus.Pending, pending.Status);
        Assert.Contains("in progress in run run-7", pending.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DryRun_SendsNothingAndSaysWhatItWouldDo()
    {
        await LakeWithFourKeysAsync();
        var processor = _lake.CreateProcessor();
        var done = await _lake.PutParquetAsync("orders/done.parquet", Orders(1));
        await processor.ProcessAsync(done);
        var queue = new RecordingWorkQueue();

        var result = await Backfill(queue).RunAsync(string.Empty, new QueuedBackfillOptions { DryRun = true });

        Assert.Empty(queue.Messages);
        Assert.Equal(5, result.Count(ObjectStatus.Skipped));
        Assert.Equal(3, result.Outcomes.Count(o => o.Reason == "would enqueue on test://queue"));
        Assert.StartsWith("would skip: already processed", result.Outcomes.Single(o => o.Key == "orders/done.parquet").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoWait_ReportsTheEnqueuedObjectsAsPendingWithoutReadingProgress()
    {
        await _lake.PutParquetAsync("orders/a.parquet", Orders(2));
        var processor = _lake.CreateProcessor();
        var queue = new RecordingWorkQueue { OnEnqueued = batch => ProcessAllAsync(processor, batch) };

        var result = await Backfill(queue).RunAsync(string.Empty, new QueuedBackfillOptions { Wait = false });

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(ObjectStatus.Pending, outcome.Status);
        Assert.Contains("not followed", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ObjectRewrittenSinceItWasProcessed_IsEnqueuedAgain()
    {
        var first = await _lake.PutParquetAsync("orders/a.parquet", Orders(2));
        var processor = _lake.CreateProcessor();
        await processor.ProcessAsync(first with { ETag = "old-etag" });
        var queue = new RecordingWorkQueue { OnEnqueued = batch => ProcessAllAsync(processor, batch) };

        var result = await Backfill(queue).RunAsync(string.Empty, new QueuedBackfillOptions());

        Assert.Equal(1, result.Enqueued);
        Assert.Equal(ObjectStatus.Processed, Assert.Single(result.Outcomes).Status);
    }

    [Fact]
    public async Task RunAsync_Since_ListsOnlyObjectsModifiedFromThatInstant()
    {
        await LakeWithFourKeysAsync();
        var queue = new RecordingWorkQueue();

        var result = await Backfill(queue).RunAsync("orders/", new QueuedBackfillOptions { Since = DateTimeOffset.UtcNow.AddDays(1), Wait = false });

        Assert.Empty(result.Outcomes);
        Assert.Empty(queue.Messages);
    }

    [Fact]
    public async Task RunAsync_FunctionsFinishWhileTheBackfillPolls_FollowsThemToTheEnd()
    {
        await LakeWithFourKeysAsync();
        var processor = new Processor(_lake.Lake, _lake.Output, _lake.Kv, SpecSet.Empty, new ProcessorOptions { TempDirectory = Path.Combine(_lake.Root, "tmp") }, TimeProvider.System);
        var queue = new RecordingWorkQueue();
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (queue.Messages.TryDequeue(out var message))
                {
                    await processor.ProcessAsync(message);
                }
                else
                {
                    await Task.Delay(5);
                }
            }
        });
        var observer = new CountingObserver();

        var backfill = new QueuedBackfill(_lake.Lake, _lake.Kv, queue, SpecSet.Empty, TimeProvider.System);
        var result = await backfill.RunAsync(string.Empty, new QueuedBackfillOptions { PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMinutes(2) }, observer);
        await stop.CancelAsync();
        await worker;

        Assert.Equal(0, result.Count(ObjectStatus.Pending));
        Assert.Equal(2, result.Count(ObjectStatus.Processed));
        Assert.Equal(4, observer.ListedObjects);
        Assert.Equal(3, observer.EnqueuedMessages);
        Assert.Equal(4, observer.Finished);
        Assert.Equal(4, observer.Rows);
    }

    private QueuedBackfill Backfill(RecordingWorkQueue queue) => new(_lake.Lake, _lake.Kv, queue, SpecSet.Empty, _lake.Time);

    private async Task LakeWithFourKeysAsync()
    {
        await _lake.PutParquetAsync("orders/date=2024-01-01/a.parquet", Orders(2));
        await _lake.PutParquetAsync("orders/date=2024-01-02/b.parquet", Orders(2));
        await _lake.PutTextAsync("orders/bad.parquet", "this is not parquet");
        await _lake.PutTextAsync("orders/_SUCCESS", string.Empty);
    }

    private static async Task ProcessAllAsync(Processor processor, IReadOnlyList<ObjectCreated> batch)
    {
        foreach (var created in batch)
        {
            await processor.ProcessAsync(created);
        }
    }

    private static Data.RowBatch Orders(int rows) => TestLake.Orders(
        Enumerable.Range(1, rows).Select(i => (long)i).ToArray(),
        Enumerable.Range(1, rows).Select(i => "c" + i).ToArray(),
        Enumerable.Range(1, rows).Select(i => (double?)i).ToArray(),
        Enumerable.Range(1, rows).Select(i => Day.AddHours(i)).ToArray());

    private sealed class CountingObserver : IBackfillObserver
    {
        public int ListedObjects { get; private set; }

        public int EnqueuedMessages { get; private set; }

        public int Finished { get; private set; }

        public long Rows { get; private set; }

        public void Listed(int objects, long bytes) => ListedObjects = objects;

        public void Enqueued(int messages) => EnqueuedMessages = messages;

        public void ObjectDone(ProcessingOutcome outcome)
        {
            Finished++;
            Rows += outcome.RowsIn;
        }
    }
}
