using System.Text;
using System.Text.Json;
using ServerlessPrep.Aws.Handlers;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Aws.Tests.Handlers;

public sealed class InvocationDispatcherTests
{
    [Theory]
    [InlineData("{oops")]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("42")]
    public async Task DispatchAsync_UnreadableDirectEvent_RejectedWithoutRetry(string payload)
    {
        var result = await CreateSut(new FakeProcessor()).DispatchAsync(Encoding.UTF8.GetBytes(payload), CancellationToken.None);

        Assert.Null(result.Error);
        using var body = JsonDocument.Parse(result.Response!);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("rejected").GetString()));
    }

    [Fact]
    public async Task DispatchAsync_S3EventProcessed_SummaryListsObject()
    {
        var processor = new FakeProcessor();

        var result = await CreateSut(processor).DispatchAsync(Encoding.UTF8.GetBytes(TestPayloads.S3Event("a+b.csv")), CancellationToken.None);

        using var body = JsonDocument.Parse(result.Response!);
        var only = Assert.Single(body.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("a b.csv", only.GetProperty("key").GetString());
        Assert.Equal("processed", only.GetProperty("status").GetString());
        Assert.Single(processor.Calls);
    }

    [Fact]
    public async Task DispatchAsync_EventBridgeFailed_ErrorSoLambdaRetries()
    {
        var processor = new FakeProcessor(c => FakeProcessor.Outcome(c, ObjectStatus.Failed, "throttled"));

        var result = await CreateSut(processor).DispatchAsync(Encoding.UTF8.GetBytes(TestPayloads.Read("eventbridge-object-created.json")), CancellationToken.None);

        Assert.Null(result.Response);
        Assert.Equal(InvocationDispatcher.RetryableErrorType, result.Error!.ErrorType);
        Assert.Contains("throttled", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_SqsBatch_PartialBatchResponseShape()
    {
        var payload = TestPayloads.SqsBatch(TestPayloads.S3Event("a.csv"), "nope");

        var result = await CreateSut(new FakeProcessor()).DispatchAsync(Encoding.UTF8.GetBytes(payload), CancellationToken.None);

        Assert.Equal("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}", Encoding.UTF8.GetString(result.Response!));
    }

    [Fact]
    public async Task DispatchAsync_SqsEnvelopeWithoutIds_ErrorSoNothingIsDeleted()
    {
        var result = await CreateSut(new FakeProcessor()).DispatchAsync(Encoding.UTF8.GetBytes("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}"), CancellationToken.None);

        Assert.Equal(InvocationDispatcher.InvalidEventErrorType, result.Error!.ErrorType);
    }

    private static InvocationDispatcher CreateSut(FakeProcessor processor) => new(new ObjectEntryProcessor(_ => processor, "out", "prepared"));
}
