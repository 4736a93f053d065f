using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure.Tests;

/// <summary>The backfill queue on azurite: what the CLI enqueues is what the queue trigger parses and processes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueWorkQueueTests
{
    private readonly AzuriteFixture _azurite;

    public StorageQueueWorkQueueTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task EnqueueAsync_ListedBlobs_DecodeIntoTheEventsTheHostParses()
    {
        var lake = await _azurite.NewContainerAsync();
        var queue = await _azurite.NewQueueAsync();
        await UploadAsync(lake, "raw/sales/2026/day 1#a.csv", "id,amount\n1,2.5\n");
        await UploadAsync(lake, "raw/sales/2026/ü%20.csv", "id,amount\n2,3.5\n");
        var listed = await ListAsync(new BlobObjectStore(lake, "raw"));
        var sut = new StorageQueueWorkQueue(queue, lake, "raw");

        await sut.EnqueueAsync(listed);

        var messages = (await queue.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(2, messages.Length);
        var scope = new LakeScope(lake.Name, "raw");
        var received = messages
            .Select(m => Assert.Single(EventGridParser.Parse(Encoding.UTF8.GetBytes(m.MessageText))).Created!)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < listed.Count; i++)
        {
            Assert.Equal(lake.Name, received[i].Store);
            Assert.Equal(listed[i].Key, scope.KeyOf(received[i].Store, received[i].Key));
            Assert.Equal(listed[i].Size, received[i].Size);
            Assert.Equal(listed[i].ETag!.Trim('"'), received[i].ETag);
            Assert.Equal(sut.AsDelivered(listed[i]), received[i] with { Key = listed[i].Key });
        }
    }

    [Fact]
    public async Task AsDelivered_VersionToken_EqualsTheOneOfAnEventGridEventForTheSameBlob()
    {
        var lake = await _azurite.NewContainerAsync();
        var blob = await UploadAsync(lake, "sales/a.csv", "id\n1\n");
        var listed = Assert.Single(await ListAsync(new BlobObjectStore(lake)));
        var live = Assert.Single(EventGridParser.Parse(Encoding.UTF8.GetBytes(await BlobCreatedEvents.ForBlobAsync(blob, "01")))).Created!;

        var delivered = new StorageQueueWorkQueue(_azurite.Queues.GetQueueClient("unused"), lake, null).AsDelivered(listed);

        Assert.Equal(live.ETag!.Trim('"'), delivered.VersionToken);
        Assert.Equal("sales/a.csv", delivered.Key);
    }

    [Fact]
    public async Task QueueFunction_DequeuedMessages_HandsLakeRelativeEventsToTheProcessor()
    {
        var lake = await _azurite.NewContainerAsync();
        var queue = await _azurite.NewQueueAsync();
        await UploadAsync(lake, "raw/sales/a.csv", "id\n1\n");
        await UploadAsync(lake, "raw/sales/b.csv", "id\n2\n");
        await new StorageQueueWorkQueue(queue, lake, "raw").EnqueueAsync(await ListAsync(new BlobObjectStore(lake, "raw")));
        var processor = new RecordingProcessor();
        var function = new BackfillQueueFunction(processor, new LakeScope(lake.Name, "raw"), NullLogger<BackfillQueueFunction>.Instance);

        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await function.RunAsync(message.MessageText, null, CancellationToken.None);
        }

        Assert.Equal(["sales/a.csv", "sales/b.csv"], processor.Received.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(processor.Received, c => Assert.Equal("eventgrid", c.Source));
    }

    [Fact]
    public async Task QueueFunction_PartMessagesOfALargeObject_ReachTheProcessorWithTheirDescriptors()
    {
        var lake = await _azurite.NewContainerAsync();
        var queue = await _azurite.NewQueueAsync();
        await UploadAsync(lake, "raw/sales/big.parquet", "PAR1");
        var listed = Assert.Single(await ListAsync(new BlobObjectStore(lake, "raw")));
        var parts = Enumerable.Range(0, 3).Select(i => listed with { Part = new ObjectPart("run-1", ObjectPart.ProfilePhase, i, 3, i * 4, 4, i * 400L, 400) }).ToList();
        await new StorageQueueWorkQueue(queue, lake, "raw").EnqueueAsync(parts);
        var processor = new RecordingProcessor();
        var function = new BackfillQueueFunction(processor, new LakeScope(lake.Name, "raw"), NullLogger<BackfillQueueFunction>.Instance);

        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await function.RunAsync(message.MessageText, null, CancellationToken.None);
        }

        Assert.Equal(parts.Select(p => p.Part), processor.Received.Select(c => c.Part).OrderBy(p => p!.Index));
        Assert.All(processor.Received, c => Assert.Equal("sales/big.parquet", c.Key));
        Assert.All(processor.Received, c => Assert.Equal(listed.ETag!.Trim('"'), c.VersionToken));
    }

    [Fact]
    public async Task QueueFunction_ObjectFailsTransiently_ThrowsSoTheQueueRedelivers()
    {
        var lake = await _azurite.NewContainerAsync();
        var queue = await _azurite.NewQueueAsync();
        await UploadAsync(lake, "sales/a.csv", "id\n1\n");
        await new StorageQueueWorkQueue(queue, lake, null).EnqueueAsync(await ListAsync(new BlobObjectStore(lake)));
        var function = new BackfillQueueFunction(new RecordingProcessor(ObjectStatus.Failed), new LakeScope(lake.Name, string.Empty), NullLogger<BackfillQueueFunction>.Instance);
        var message = Assert.Single((await queue.ReceiveMessagesAsync()).Value);

        var error = await Assert.ThrowsAsync<BackfillMessageFailedException>(() => function.RunAsync(message.MessageText, null, CancellationToken.None));

        Assert.Equal("sales/a.csv", Assert.Single(error.Failed).Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"data\":{}}")]
    public async Task QueueFunction_MalformedMessage_ThrowsSoItEndsInThePoisonQueue(string message)
    {
        var processor = new RecordingProcessor();
        var function = new BackfillQueueFunction(processor, new LakeScope("lake", string.Empty), NullLogger<BackfillQueueFunction>.Instance);

        await Assert.ThrowsAsync<CloudEventFormatException>(() => function.RunAsync(message, null, CancellationToken.None));

        Assert.Empty(processor.Received);
    }

    private static async Task<BlobClient> UploadAsync(BlobContainerClient container, string name, string content)
    {
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(content));
        return blob;
    }

    private static async Task<List<ObjectCreated>> ListAsync(BlobObjectStore store)
    {
        var objects = new List<ObjectCreated>();
        await foreach (var info in store.ListAsync(string.Empty))
        {
            objects.Add(new ObjectCreated(store.Uri, info.Key, info.Size, info.ETag, info.Version, null, info.LastModified, "backfill"));
        }

        return objects;
    }
}
