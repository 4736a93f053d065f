using Amazon.S3;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Tests.Events;

/// <summary>The parsers against event records s3rver really emitted (keys re-encoded the way S3 encodes them).</summary>
[Collection(EmulatorCollection.Name)]
public sealed class S3rverEmittedEventTests : IDisposable
{
    private readonly EmulatorFixture _emulators;
    private readonly IAmazonS3 _client;

    public S3rverEmittedEventTests(EmulatorFixture emulators)
    {
        _emulators = emulators;
        _client = emulators.CreateS3Client();
    }

    [Theory]
    [InlineData("raw/sales 2026/q1+q2.csv")]
    [InlineData("raw/données/数据 ü.parquet")]
    [InlineData("raw/a=1&b=%41/x.csv")]
    public async Task Parse_S3rverPutEvent_DecodesKeyAndMatchesStoredObject(string key)
    {
        var unique = $"{Guid.NewGuid():N}/{key}";
        var store = new S3ObjectStore(_client, EmulatorFixture.LakeBucket);
        await store.PutAsync(unique, new MemoryStream("id\n1\n"u8.ToArray()));
        var info = await store.GetInfoAsync(unique);

        var json = await _emulators.Events.WaitForAsync(unique);
        var created = Assert.Single(S3EventNotificationParser.Parse(TestPayloads.Utf8(json))).Created!;

        Assert.Equal(EmulatorFixture.LakeBucket, created.Store);
        Assert.Equal(unique, created.Key);
        Assert.Equal(info!.Size, created.Size);
        Assert.Equal(info.ETag!.Trim('"'), created.ETag);
        Assert.NotNull(created.Sequencer);
    }

    [Fact]
    public async Task Parse_S3rverDeleteEvent_Ignored()
    {
        var key = $"{Guid.NewGuid():N}/gone.csv";
        var store = new S3ObjectStore(_client, EmulatorFixture.LakeBucket);
        await store.PutAsync(key, new MemoryStream([1]));
        await store.DeleteAsync(key);

        var json = await _emulators.Events.WaitForAsync(key, "ObjectRemoved:");
        var entry = Assert.Single(S3EventNotificationParser.Parse(TestPayloads.Utf8(json)));

        Assert.Null(entry.Created);
        Assert.Contains("ObjectRemoved:Delete", entry.IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseBody_S3rverEventWrappedInSqs_ParsedPerMessage()
    {
        var key = $"{Guid.NewGuid():N}/in queue.csv";
        await new S3ObjectStore(_client, EmulatorFixture.LakeBucket).PutAsync(key, new MemoryStream([1, 2, 3]));
        var json = await _emulators.Events.WaitForAsync(key);

        var created = Assert.Single(SqsEventParser.ParseBody(json)).Created!;

        Assert.Equal(key, created.Key);
        Assert.Equal(3, created.Size);
    }

    public void Dispose() => _client.Dispose();
}
