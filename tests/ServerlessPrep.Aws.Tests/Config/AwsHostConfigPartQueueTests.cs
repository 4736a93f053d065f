using ServerlessPrep.Aws.Config;

namespace ServerlessPrep.Aws.Tests.Config;

public sealed class AwsHostConfigPartQueueTests
{
    private static Dictionary<string, string?> Variables(string? partQueue) => new()
    {
        [AwsHostConfig.RuntimeApiVariable] = "127.0.0.1:9001",
        [AwsHostConfig.RegionVariable] = "eu-west-1",
        [AwsHostConfig.OutputVariable] = "s3://out/prepared",
        [AwsHostConfig.KvVariable] = "dynamodb://state",
        [AwsHostConfig.PartQueueVariable] = partQueue,
    };

    [Fact]
    public void Load_PartQueueUrl_IsKept_AndUnsetMeansPartsRunInTheInvocation()
    {
        const string url = "https://sqs.eu-west-1.amazonaws.com/123456789012/buffer";
        var set = Variables(url);
        var unset = Variables(null);

        Assert.Equal(url, AwsHostConfig.Load(n => set.GetValueOrDefault(n), out _)!.PartQueueUrl);
        Assert.Null(AwsHostConfig.Load(n => unset.GetValueOrDefault(n), out _)!.PartQueueUrl);
    }

    [Fact]
    public void Load_PartQueueThatIsNotAUrl_IsReported()
    {
        var bad = Variables("buffer-queue");

        Assert.Null(AwsHostConfig.Load(n => bad.GetValueOrDefault(n), out var errors));
        Assert.Contains(errors, e => e.Contains(AwsHostConfig.PartQueueVariable, StringComparison.Ordinal));
    }
}
