using System.Net;
using Google.Cloud.Storage.V1;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Gcp.Storage;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

/// <summary>
/// A queued backfill of a gs:// lake: the orchestrator lists the lake bucket and publishes on the backfill topic; a test
/// "Eventarc" delivers each published message to the Cloud Run host (real Kestrel, real <see cref="Processor"/> on the
/// GCS adapters) as a <c>messagePublished</c> CloudEvent, redelivering on a non-2xx answer; the orchestrator follows the
/// processing records in the GCS key-value store.
/// </summary>
public sealed class QueuedBackfillEndToEndTests : IAsyncLifetime
{
    private const string Topic = "projects/prep/topics/prep-backfill";
    private static readonly LakeScope Lake = new("prep-lake", "raw");
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "sp-gcp-backfill-" + Guid.NewGuid().ToString("N"));
    private readonly FakeGcs _gcs = new();
    private readonly FakePubSub _pubsub = new(Topic);
    private StorageClient _client = null!;
    private InProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        _client = FakeGcsClient.Create(_gcs);
        var processor = new Processor(
            new GcsObjectStore(_client, Lake.Bucket, Lake.Prefix),
            new GcsObjectStore(_client, "prep-out", "prepared"),
            Kv(),
            SpecParser.Parse(SalesData.Spec, "spec.yaml"),
            new ProcessorOptions { TempDirectory = _temp },
            TimeProvider.System);
        _host = await InProcessHost.StartAsync(processor, Lake);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_ServiceDrainsTheTopic_EveryListedObjectAccountedOnceAndRerunPublishesNothing()
    {
        var parquet = await SalesData.ParquetAsync();
        for (var day = 1; day <= 3; day++)
        {
            await UploadAsync($"raw/sales/2026/11/{day:D2}.parquet", parquet);
        }

        await UploadAsync("raw/sales/2026/11/04.parquet", "PAR1 but not really"u8.ToArray());
        await UploadAsync("raw/sales/_SUCCESS", []);
        await UploadAsync("elsewhere/ignored.csv", "id\n1\n"u8.ToArray());
        var backfill = Backfill();
        var options = new QueuedBackfillOptions { PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMinutes(3) };

        BackfillResult result;
        await using (new EventarcDelivery(_pubsub, _host.Client))
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
        Assert.NotNull(_gcs.Find("prep-out", "prepared/features/sales/2026/11/02.parquet"));
        Assert.Single(_pubsub.Requests); // four messages in one publish request

        var again = await backfill.RunAsync(string.Empty, options with { Timeout = TimeSpan.Zero });

        Assert.Equal(0, again.Enqueued);
        Assert.Equal(5, again.Count(ObjectStatus.Skipped));
        Assert.Single(_pubsub.Requests);
    }

    [Fact]
    public async Task RunAsync_NobodySubscribed_ReportsPendingAndLeavesTheMessage()
    {
        await UploadAsync("raw/sales/2026/11/01.parquet", await SalesData.ParquetAsync());

        var result = await Backfill().RunAsync(string.Empty, new QueuedBackfillOptions { Timeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(100) });

        var pending = Assert.Single(result.Outcomes);
        Assert.Equal(ObjectStatus.Pending, pending.Status);
        Assert.Contains("no processing record yet", pending.Reason, StringComparison.Ordinal);
        Assert.Single(_pubsub.Published);
    }

    private QueuedBackfill Backfill() => new(
        new GcsObjectStore(_client, Lake.Bucket, Lake.Prefix),
        Kv(),
        new PubSubWorkQueue(new HttpClient(_pubsub), new Uri("https://pubsub.test/"), Topic, Lake, _ => ValueTask.FromResult<string?>("token")),
        SpecParser.Parse(SalesData.Spec, "spec.yaml"),
        TimeProvider.System);

    private GcsKeyValueStore Kv() => new(_client, "prep-state", "kv", TimeProvider.System);

    private Task UploadAsync(string name, byte[] content)
        => _client.UploadObjectAsync("prep-lake", name, "application/octet-stream", new MemoryStream(content));

    /// <summary>What Eventarc's push subscription does: POST each message as a binary-mode CloudEvent, redeliver on non-2xx.</summary>
    private sealed class EventarcDelivery : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        private const int MaxDeliveryAttempts = 5; // then the dead-letter topic, as infra/gcp configures

        public EventarcDelivery(FakePubSub pubsub, HttpClient host)
        {
            var attempts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    if (!pubsub.Published.TryDequeue(out var message))
                    {
                        await Task.Delay(20);
                        continue;
                    }

                    var data = message.MessagePublishedData("projects/prep/subscriptions/eventarc-prep-backfill");
                    using var response = await host.SendAsync(CloudEventRequests.Binary(data, "google.cloud.pubsub.topic.v1.messagePublished", message.MessageId, subject: null, source: "//pubsub.googleapis.com/" + message.Topic));
                    if (response.StatusCode != HttpStatusCode.OK && attempts.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1) < MaxDeliveryAttempts)
                    {
                        pubsub.Published.Enqueue(message);
                    }
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
