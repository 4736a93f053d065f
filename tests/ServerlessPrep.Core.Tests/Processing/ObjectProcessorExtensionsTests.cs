using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class ObjectProcessorExtensionsTests
{
    private static readonly ObjectCreated Created = new("lake", "a/b.csv", 1, null, null, null, DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public async Task ProcessOrFail_ProcessorThrows_ReturnsARetryableFailureWithTheException()
    {
        var boom = new InvalidOperationException("bug");

        var (outcome, error) = await new RecordingProcessor(toThrow: boom).ProcessOrFailAsync(Created, default);

        Assert.Same(boom, error);
        Assert.Equal(ObjectStatus.Failed, outcome.Status);
        Assert.True(outcome.Retryable);
        Assert.Equal("a/b.csv", outcome.Key);
    }

    [Fact]
    public async Task ProcessOrFail_Cancelled_Propagates()
        => await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new RecordingProcessor(toThrow: new OperationCanceledException()).ProcessOrFailAsync(Created, default));
}
