using System.Text;
using System.Text.Json;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Gcp.Storage;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

/// <summary>The backfill's Pub/Sub publisher against the documented <c>topics.publish</c> REST protocol.</summary>
public sealed class PubSubWorkQueueTests
{
    private const string Topic = "projects/prep/topics/prep-backfill";
    private static readonly LakeScope Lake = new("prep-lake", "raw");
    private static readonly ObjectCreated Object = new("gs://prep-lake/raw/", "sales/2026/11/day 1.parquet", 4321, "CMDk2dO2+YkDEAE=", "1764063660000042", null, new DateTimeOffset(2026, 11, 25, 9, 41, 0, TimeSpan.Zero), "backfill");

    [Fact]
    public async Task Enqueue_PublishesStorageNotificationsWithTheBearerToken()
    {
        var pubsub = new FakePubSub(Topic);
        var queue = Queue(pubsub, token: "ya29.token");

        await queue.EnqueueAsync([Object, Object with { Key = "sales/2026/11/day 2.parquet", Version = "1764063660000043" }]);

        var request = Assert.Single(pubsub.Requests);
        Assert.Equal("https://pubsub.test/v1/projects/prep/topics/prep-backfill:publish", request.Uri.ToString());
        Assert.Equal("Bearer ya29.token", request.Headers["Authorization"]);
        var messages = pubsub.Published.ToArray();
        Assert.Equal(2, messages.Length);
        var first = messages[0];
        Assert.Equal("OBJECT_FINALIZE", first.Attributes["eventType"]);
        Assert.Equal("JSON_API_V1", first.Attributes["payloadFormat"]);
        Assert.Equal(("prep-lake", "raw/sales/2026/11/day 1.parquet", "1764063660000042"), (first.Attributes["bucketId"], first.Attributes["objectId"], first.Attributes["objectGeneration"]));
        using var resource = JsonDocument.Parse(first.Data);
        Assert.Equal("raw/sales/2026/11/day 1.parquet", resource.RootElement.GetProperty("name").GetString());
        Assert.Equal("4321", resource.RootElement.GetProperty("size").GetString());
        Assert.Equal("raw/sales/2026/11/day 2.parquet", messages[1].Attributes["objectId"]);
    }

    [Fact]
    public async Task Enqueue_PublishedMessage_ParsesBackToWhatAsDeliveredPredicts()
    {
        var pubsub = new FakePubSub(Topic);
        var queue = Queue(pubsub);

        await queue.EnqueueAsync([Object]);
        var delivered = PubSubMessageParser.Parse(PubSubMessageParser.MessagePublishedType, "id", null, Encoding.UTF8.GetBytes(pubsub.Published.Single().MessagePublishedData("projects/prep/subscriptions/s"))).Created!;

        var predicted = queue.AsDelivered(Object);
        Assert.Equal("sales/2026/11/day 1.parquet", predicted.Key);
        Assert.Equal(predicted with { Key = "raw/" + predicted.Key }, delivered);
        Assert.Equal(("1764063660000042", 4321L, "pubsub"), (predicted.VersionToken, predicted.Size, predicted.Source));
    }

    [Fact]
    public async Task Enqueue_LargeObjectPart_CarriesItsDescriptorBackToTheHost()
    {
        var pubsub = new FakePubSub(Topic);
        var part = new ObjectPart("run-7", ObjectPart.PreparePhase, 2, 4, 4, 2, 500_000, 250_000);

        await Queue(pubsub).EnqueueAsync([Object with { Part = part }, Object]);
        var delivered = pubsub.Published.Select(m => PubSubMessageParser.Parse(
            PubSubMessageParser.MessagePublishedType, m.MessageId, null, Encoding.UTF8.GetBytes(m.MessagePublishedData("projects/prep/subscriptions/s"))).Created!).ToList();

        Assert.Equal(part, delivered[0].Part);
        Assert.Null(delivered[1].Part);
        Assert.Equal(part, Queue(pubsub).AsDelivered(Object with { Part = part }).Part);
    }

    [Fact]
    public async Task Enqueue_MoreThanOneRequestAllows_SplitsIntoBatchesOfAThousand()
    {
        var pubsub = new FakePubSub(Topic);
        var objects = Enumerable.Range(0, 2_345).Select(i => Object with { Key = $"sales/{i:D5}.parquet" }).ToList();

        await Queue(pubsub).EnqueueAsync(objects);

        Assert.Equal(3, pubsub.Requests.Count);
        Assert.Equal(objects.Select(o => "raw/" + o.Key), pubsub.Published.Select(m => m.Attributes["objectId"]));
    }

    [Fact]
    public async Task Enqueue_TransientUnavailable_IsRetried()
    {
        var pubsub = new FakePubSub(Topic);
        pubsub.FailNext(2);

        await Queue(pubsub).EnqueueAsync([Object]);

        Assert.Equal(3, pubsub.Requests.Count);
        Assert.Single(pubsub.Published);
    }

    [Fact]
    public async Task Enqueue_UnknownTopic_ThrowsWithTheServiceAnswerAndTheFirstKey()
    {
        var pubsub = new FakePubSub("projects/prep/topics/other");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Queue(pubsub).EnqueueAsync([Object]));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resource not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("sales/2026/11/day 1.parquet", error.Message, StringComparison.Ordinal);
        Assert.Single(pubsub.Requests);
    }

    [Theory]
    [InlineData("prep-backfill")]
    [InlineData("projects/prep/subscriptions/s")]
    [InlineData("projects//topics/t")]
    public void Constructor_NotATopicName_Throws(string topic)
        => Assert.Throws<ArgumentException>(() => new PubSubWorkQueue(new HttpClient(), new Uri("https://pubsub.test/"), topic, Lake, _ => ValueTask.FromResult<string?>(null)));

    [Fact]
    public void Encode_KeyEscapingTheLake_IsRefused()
        => Assert.Throws<ArgumentException>(() => Queue(new FakePubSub(Topic)).Encode(Object with { Key = "../secrets.csv" }));

    private static PubSubWorkQueue Queue(FakePubSub pubsub, string? token = null)
        => new(new HttpClient(pubsub), new Uri("https://pubsub.test/"), Topic, Lake, _ => ValueTask.FromResult(token));
}
