using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Azure.Tests;

/// <summary>
/// A queued backfill on azurite: the orchestrator lists the lake container and enqueues on the Storage Queue; a test "worker"
/// drains the queue through the host's own wiring and <see cref="BackfillQueueFunction"/> (as the Functions runtime would),
/// writing to the Table key-value store the orchestrator follows.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueuedBackfillEndToEndTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "sp-azure-backfill-" + Guid.NewGuid().ToString("N"));
    private BlobContainerClient _lake = null!;
    private BlobContainerClient _output = null!;
    private QueueClient _queue = null!;
    private TableKeyValueStore _kv = null!;
    private ServiceProvider _services = null!;

    public QueuedBackfillEndToEndTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _lake = await _azurite.NewContainerAsync();
        _output = await _azurite.NewContainerAsync();
        _queue = await _azurite.NewQueueAsync();
        var table = await _azurite.NewTableAsync();
        _kv = new TableKeyValueStore(table, TimeProvider.System);
        var env = new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = $"azblob://{_lake.Name}/raw",
            ["SERVERLESSPREP_OUTPUT"] = $"azblob://{_output.Name}/prepared",
            ["SERVERLESSPREP_KV"] = $"aztable://{table.Name}",
            ["SERVERLESSPREP_SPEC"] = SalesData.Spec,
            ["SERVERLESSPREP_TEMP_DIR"] = _temp,
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
        };
        var services = new ServiceCollection().AddLogging();
        Program.AddServerlessPrep(services, AzureHostSettings.FromEnvironment(env.GetValueOrDefault), env.GetValueOrDefault);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_FunctionsDrainTheQueue_EveryListedObjectAccountedOnceAndRerunEnqueuesNothing()
    {
        var parquet = await SalesData.ParquetAsync();
        for (var day = 1; day <= 3; day++)
        {
            await _lake.GetBlobClient($"raw/sales/2026/11/{day:D2}.parquet").UploadAsync(new BinaryData(parquet));
        }

        await _lake.GetBlobClient("raw/sales/2026/11/04.parquet").UploadAsync(BinaryData.FromString("PAR1 but not really"));
        await _lake.GetBlobClient("raw/sales/_SUCCESS").UploadAsync(BinaryData.FromString(string.Empty));
        await _lake.GetBlobClient("elsewhere/ignored.csv").UploadAsync(BinaryData.FromString("id\n1\n"));
        var specs = SpecParser.Parse(SalesData.Spec, "spec.yaml");
        var backfill = new QueuedBackfill(new BlobObjectStore(_lake, "raw"), _kv, new StorageQueueWorkQueue(_queue, _lake, "raw"), specs, TimeProvider.System);
        var options = new QueuedBackfillOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(3) };

        BackfillResult result;
        using (var worker = new QueueWorker(_queue, ActivatorUtilities.CreateInstance<BackfillQueueFunction>(_services)))
        {
            result = await backfill.RunAsync(string.Empty, options);
        }

        Assert.Equal(5, result.Outcomes.Count);
        Assert.Equal(4, result.Enqueued);
        Assert.Equal(3, result.Count(ObjectStatus.Processed));
        Assert.Equal(1, result.Count(ObjectStatus.Quarantined));
        Assert.Equal(1, result.Count(ObjectStatus.Skipped));
        Assert.Equal(0, result.Count(ObjectStatus.Pending));
        Assert.All(result.Outcomes.Where(o => o.Status == ObjectStatus.Processed), o => Assert.Equal(SalesData.Rows, o.RowsIn));
        Assert.Equal("sales/2026/11/04.parquet", result.Outcomes.Single(o => o.Status == ObjectStatus.Quarantined).Key);
        Assert.True((await _output.GetBlobClient("prepared/features/sales/2026/11/02.parquet").ExistsAsync()).Value);

        var again = await backfill.RunAsync(string.Empty, options with { Timeout = TimeSpan.Zero });

        Assert.Equal(0, again.Enqueued);
        Assert.Equal(5, again.Count(ObjectStatus.Skipped));
        Assert.Equal(0, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task RunAsync_NoFunctionConsumes_LeavesMessagesAndReportsPending()
    {
        await _lake.GetBlobClient("raw/sales/2026/11/01.parquet").UploadAsync(new BinaryData(await SalesData.ParquetAsync()));
        var backfill = new QueuedBackfill(new BlobObjectStore(_lake, "raw"), _kv, new StorageQueueWorkQueue(_queue, _lake, "raw"), SpecParser.Parse(SalesData.Spec, "spec.yaml"), TimeProvider.System);

        var result = await backfill.RunAsync(string.Empty, new QueuedBackfillOptions { Timeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(100) });

        var pending = Assert.Single(result.Outcomes);
        Assert.Equal(ObjectStatus.Pending, pending.Status);
        Assert.Contains("no processing record yet", pending.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    /// <summary>What the Functions runtime does for a queue trigger: receive, invoke, delete on success (redeliver otherwise).</summary>
    private sealed class QueueWorker : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public QueueWorker(QueueClient queue, BackfillQueueFunction function)
        {
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30))).Value;
                    foreach (var message in messages)
                    {
                        await function.RunAsync(message.MessageText, null, CancellationToken.None);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    }

                    if (messages.Length == 0)
                    {
                        await Task.Delay(50);
                    }
                }
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.GetAwaiter().GetResult();
            _stop.Dispose();
        }
    }
}
