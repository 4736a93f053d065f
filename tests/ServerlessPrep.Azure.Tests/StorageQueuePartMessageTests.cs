using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Azure.Tests;

/// <summary>Part messages of a large object in the Storage Queue format (no service needed: encoding builds URLs only).</summary>
public sealed class StorageQueuePartMessageTests
{
    private const string Connection = "UseDevelopmentStorage=true";
    private static readonly DateTimeOffset Modified = new(2026, 11, 25, 10, 30, 15, TimeSpan.Zero);

    [Fact]
    public void Encode_PartOfALargeObject_ParsesBackWithItsDescriptorAndTheWholeObjectWithout()
    {
        var sut = new StorageQueueWorkQueue(new QueueClient(Connection, "work", StorageQueueWorkQueue.ClientOptions()), new BlobContainerClient(Connection, "lake"), "raw");
        var whole = new ObjectCreated("lake", "sales/big.parquet", 900_000_000, "\"0x8DC\"", null, null, Modified, "backfill");
        var part = whole with { Part = new ObjectPart("run-9", ObjectPart.PreparePhase, 2, 3, 8, 2, 8_000_000, 1_234_567) };

        var parsedPart = Assert.Single(EventGridParser.Parse(Encoding.UTF8.GetBytes(sut.Encode(part)))).Created!;
        var parsedWhole = Assert.Single(EventGridParser.Parse(Encoding.UTF8.GetBytes(sut.Encode(whole)))).Created!;

        Assert.Equal(part.Part, parsedPart.Part);
        Assert.Equal("raw/sales/big.parquet", parsedPart.Key);
        Assert.Equal("0x8DC", parsedPart.VersionToken);
        Assert.Null(parsedWhole.Part);
        Assert.Equal(part.Part, sut.AsDelivered(part).Part);
        Assert.Equal("sales/big.parquet", sut.AsDelivered(part).Key);
    }
}
