using System.Text.Json;
using ServerlessPrep.Aws.Handlers;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Aws.Tests.Handlers;

public sealed class SqsHandlerTests
{
    [Fact]
    public async Task HandleAsync_OneUnreadableMessage_FailsExactlyThatId()
    {
        var processor = new FakeProcessor();
        using var document = JsonDocument.Parse(TestPayloads.SqsBatch(TestPayloads.S3Event("a.csv"), "{broken", TestPayloads.Read("eventbridge-object-created.json")));

        var response = await CreateSut(processor).HandleAsync(document.RootElement, CancellationToken.None);

        Assert.Equal("m1", Assert.Single(response.BatchItemFailures).ItemIdentifier);
        Assert.Equal(2, processor.Calls.Count);
    }

    [Fact]
    public async Task HandleAsync_ProcessorFailed_ReportsMessageForRedelivery()
    {
        var processor = new FakeProcessor(c => FakeProcessor.Outcome(c, c.Key == "bad.csv" ? ObjectStatus.Failed : ObjectStatus.Quarantined, "x"));
        using var document = JsonDocument.Parse(TestPayloads.SqsBatch(TestPayloads.S3Event("ok.csv"), TestPayloads.S3Event("bad.csv")));

        var response = await CreateSut(processor).HandleAsync(document.RootElement, CancellationToken.None);

        Assert.Equal("m1", Assert.Single(response.BatchItemFailures).ItemIdentifier);
    }

    [Fact]
    public async Task HandleAsync_ProcessorThrows_ReportsMessageForRedelivery()
    {
        var processor = new FakeProcessor(_ => throw new HttpRequestException("503 Slow Down"));
        using var document = JsonDocument.Parse(TestPayloads.SqsBatch(TestPayloads.S3Event("a.csv")));

        var response = await CreateSut(processor).HandleAsync(document.RootElement, CancellationToken.None);

        Assert.Equal("m0", Assert.Single(response.BatchItemFailures).ItemIdentifier);
    }

    [Fact]
    public async Task HandleAsync_DeadlinePassed_FailsUnstartedMessagesWithoutProcessing()
    {
        var processor = new FakeProcessor();
        using var document = JsonDocument.Parse(TestPayloads.SqsBatch(TestPayloads.S3Event("a.csv"), TestPayloads.S3Event("b.csv")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var response = await CreateSut(processor).HandleAsync(document.RootElement, cancelled.Token);

        Assert.Equal(["m0", "m1"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(processor.Calls);
    }

    [Fact]
    public async Task HandleAsync_RemovedAndOutputObjects_IgnoredNotFailed()
    {
        var processor = new FakeProcessor();
        using var document = JsonDocument.Parse(TestPayloads.SqsBatch(
            TestPayloads.S3Event("a.csv", "ObjectRemoved:Delete"),
            TestPayloads.S3Event("prepared/features/x.parquet", bucket: "out")));

        var response = await CreateSut(processor).HandleAsync(document.RootElement, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Empty(processor.Calls);
    }

    [Fact]
    public async Task HandleAsync_KeyThatWouldEscapeStore_IgnoredNotRetried()
    {
        var processor = new FakeProcessor();
        using var document = JsonDocument.Parse(TestPayloads.SqsBatch(TestPayloads.S3Event("raw/../../etc/passwd"), TestPayloads.S3Event("raw/%0Ainjected.csv")));

        var response = await CreateSut(processor).HandleAsync(document.RootElement, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Empty(processor.Calls);
    }

    private static SqsHandler CreateSut(FakeProcessor processor) => new(new ObjectEntryProcessor(_ => processor, "out", "prepared"));
}
