using ServerlessPrep.Azure;
using ServerlessPrep.Azure.Storage;

namespace ServerlessPrep.Azure.Tests;

public sealed class PartQueueTests
{
    [Fact]
    public void TryCreate_BackfillQueueConfigured_PartsGoToThatQueue_ElseNone()
    {
        var configured = new Dictionary<string, string?> { [BackfillQueueFunction.QueueVariable] = "work", [BackfillQueueFunction.Connection] = "UseDevelopmentStorage=true" };
        var identity = new Dictionary<string, string?> { [BackfillQueueFunction.QueueVariable] = "work", [BackfillQueueFunction.Connection + "__queueServiceUri"] = "https://acct.queue.core.windows.net" };

        Assert.Equal("work", PartQueue.TryCreate(n => configured.GetValueOrDefault(n))!.Name);
        Assert.Equal("acct", PartQueue.TryCreate(n => identity.GetValueOrDefault(n))!.AccountName);
        Assert.Null(PartQueue.TryCreate(_ => null));
        Assert.Null(PartQueue.TryCreate(n => n == BackfillQueueFunction.QueueVariable ? "work" : null));
    }
}
