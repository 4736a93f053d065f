using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using ServerlessPrep.Aws.Handlers;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Handlers;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Tests.Storage;

/// <summary>
/// The SQS backfill queue. No SQS emulator speaks the AWS JSON protocol of AWSSDK.SQS v4 here (sqslite 2.1.1 answers 415), so
/// the client's batch call is intercepted and the sent bodies are round-tripped through the Lambda's own SQS handler.
/// </summary>
public sealed class SqsWorkQueueTests
{
    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/serverlessprep-backfill";
    private static readonly DateTimeOffset Modified = new(2026, 11, 25, 10, 30, 15, TimeSpan.Zero);

    [Fact]
    public async Task EnqueueAsync_ManyObjects_SendsBatchesOfTenWhoseBodiesTheSqsHandlerProcesses()
    {
        var sqs = new InterceptingSqsClient();
        var sut = new SqsWorkQueue(sqs, QueueUrl, "lake");
        var objects = Enumerable.Range(0, 23)
            .Select(i => new ObjectCreated("s3://lake/", $"sales/2026/day {i:D2}#.csv", 100 + i, $"\"etag{i}\"", i == 0 ? "v-0" : null, null, Modified, "backfill"))
            .ToList();

        await sut.EnqueueAsync(objects);

        Assert.Equal([10, 10, 3], sqs.Batches.Select(b => b.Entries.Count));
        Assert.All(sqs.Batches, b => Assert.Equal(QueueUrl, b.QueueUrl));
        var processor = new FakeProcessor();
        using var sqsEvent = JsonDocument.Parse(TestPayloads.SqsBatch(sqs.Batches.SelectMany(b => b.Entries).Select(e => e.MessageBody).ToArray()));
        var response = await new SqsHandler(new ObjectEntryProcessor(_ => processor, "out", "prepared")).HandleAsync(sqsEvent.RootElement, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        var received = processor.Calls.ToList();
        Assert.Equal(objects.Select(o => o.Key), received.Select(c => c.Key));
        Assert.All(received, c => Assert.Equal("lake", c.Store));
        Assert.All(received, c => Assert.Equal("sqs", c.Source));
        Assert.Equal("etag5", received[5].ETag);
        Assert.Equal(105, received[5].Size);
        Assert.Equal("v-0", received[0].VersionToken);
        Assert.Equal(Modified, received[5].EventTime);
        Assert.Equal(received[5], sut.AsDelivered(objects[5]));
    }

    [Fact]
    public async Task EnqueueAsync_PartsOfALargeObject_TheSqsHandlerParsesTheirDescriptorsBack()
    {
        var sqs = new InterceptingSqsClient();
        var sut = new SqsWorkQueue(sqs, QueueUrl, "lake");
        var whole = new ObjectCreated("s3://lake/", "sales/big.parquet", 900_000_000, "\"etag\"", "v-7", null, Modified, "backfill");
        var parts = new[]
        {
            whole with { Part = new ObjectPart("run-1", ObjectPart.ProfilePhase, 0, 2, 0, 4, 0, 4_000_000) },
            whole with { Part = new ObjectPart("run-1", ObjectPart.PreparePhase, 1, 2, 4, 3, 4_000_000, 2_500_000) },
        };

        await sut.EnqueueAsync([whole, .. parts]);

        var processor = new FakeProcessor();
        using var sqsEvent = JsonDocument.Parse(TestPayloads.SqsBatch(sqs.Batches.SelectMany(b => b.Entries).Select(e => e.MessageBody).ToArray()));
        var response = await new SqsHandler(new ObjectEntryProcessor(_ => processor, "out", "prepared")).HandleAsync(sqsEvent.RootElement, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        var received = processor.Calls.ToList();
        Assert.Null(received[0].Part);
        Assert.Equal(parts[0].Part, received[1].Part);
        Assert.Equal(parts[1].Part, received[2].Part);
        Assert.All(received, c => Assert.Equal("v-7", c.VersionToken));
        Assert.Equal(parts[1].Part, sut.AsDelivered(parts[1]).Part);
    }

    [Fact]
    public async Task EnqueueAsync_EntryRefusedByTheService_RetriesItThenFailsNamingTheObject()
    {
        var sqs = new InterceptingSqsClient { Refuse = body => body.Contains("b.csv", StringComparison.Ordinal) };
        var sut = new SqsWorkQueue(sqs, QueueUrl, "lake");
        var objects = new[] { "sales/a.csv", "sales/b.csv" }.Select(k => new ObjectCreated("s3://lake/", k, 1, "e", null, null, Modified, "backfill")).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await sut.EnqueueAsync(objects));

        Assert.Contains("sales/b.csv", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sales/a.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal([2, 1, 1], sqs.Batches.Select(b => b.Entries.Count));
    }

    [Fact]
    public void Encode_KeyThatWouldEscapeTheBucketRoot_IsRefused()
    {
        var sut = new SqsWorkQueue(new InterceptingSqsClient(), QueueUrl, "lake");

        Assert.Throws<ArgumentException>(() => sut.Encode(new ObjectCreated("s3://lake/", "sales/../../etc/passwd", 1, "e", null, null, Modified, "backfill")));
    }

    /// <summary>A real SDK client whose batch call is answered in-process (nothing goes over the network).</summary>
    private sealed class InterceptingSqsClient() : AmazonSQSClient(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig { ServiceURL = "http://127.0.0.1:9" })
    {
        public List<SendMessageBatchRequest> Batches { get; } = [];

        public Func<string, bool> Refuse { get; init; } = _ => false;

        public override Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default)
        {
            Batches.Add(new SendMessageBatchRequest { QueueUrl = request.QueueUrl, Entries = [.. request.Entries] });
            var refused = request.Entries.Where(e => Refuse(e.MessageBody)).ToList();
            return Task.FromResult(new SendMessageBatchResponse
            {
                Successful = request.Entries.Except(refused).Select(e => new SendMessageBatchResultEntry { Id = e.Id, MessageId = Guid.NewGuid().ToString() }).ToList(),
                Failed = refused.Select(e => new BatchResultErrorEntry { Id = e.Id, Code = "InternalError", Message = "try again", SenderFault = false }).ToList(),
            });
        }
    }
}
