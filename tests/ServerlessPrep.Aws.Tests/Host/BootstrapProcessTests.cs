using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.S3;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using Xunit.Abstractions;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>
/// The bootstrap as a real process against a fake Runtime API and the emulators, fed with events s3rver really emitted.
/// Until the pipeline lands the processor answers "skipped"; these tests pin the host contract (answers posted, loop alive),
/// and <see cref="AssertProcessedOrSkipped"/> is where output assertions go once it does.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class BootstrapProcessTests : IAsyncLifetime
{
    private readonly EmulatorFixture _emulators;
    private readonly ITestOutputHelper _output;
    private readonly IAmazonS3 _s3;
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table = "host" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _tempDirectory = Directory.CreateTempSubdirectory("prep-host-").FullName;

    public BootstrapProcessTests(EmulatorFixture emulators, ITestOutputHelper output)
    {
        _emulators = emulators;
        _output = output;
        _s3 = emulators.CreateS3Client();
        _dynamo = emulators.CreateDynamoDbClient();
    }

    public Task InitializeAsync() => EmulatorFixture.CreateTableAsync(_dynamo, _table);

    public Task DisposeAsync()
    {
        _s3.Dispose();
        _dynamo.Dispose();
        Directory.Delete(_tempDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Bootstrap_S3rverEventForUploadedCsv_PostsResponseDirectAndViaSqs()
    {
        using var api = new FakeRuntimeApi();
        using var host = StartHost(api);
        var key = $"raw/{Guid.NewGuid():N}/sales 2026+q1.csv";
        await new S3ObjectStore(_s3, EmulatorFixture.LakeBucket).PutAsync(key, new MemoryStream("id,amount\n1,9.5\n2,3.25\n"u8.ToArray()));
        var s3Event = await _emulators.Events.WaitForAsync(key);

        var direct = await api.ResultAsync(api.Enqueue(s3Event));
        var viaSqs = await api.ResultAsync(api.Enqueue(TestPayloads.SqsBatch(s3Event)));

        Assert.Equal("response", direct.Kind);
        using var summary = JsonDocument.Parse(direct.Body);
        var result = Assert.Single(summary.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(key, result.GetProperty("key").GetString());
        AssertProcessedOrSkipped(result);
        Assert.Equal("response", viaSqs.Kind);
        Assert.Equal("{\"batchItemFailures\":[]}", viaSqs.Body);
        Assert.False(host.HasExited);
        _output.WriteLine($"cold start (process start -> first /next): {(await api.FirstNext - host.StartedAt).TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Bootstrap_BadEvents_AnsweredWithoutRetryAndLoopKeepsPolling()
    {
        using var api = new FakeRuntimeApi();
        using var host = StartHost(api);

        var malformed = await api.ResultAsync(api.Enqueue("{\"Records\": [ oops"));
        var unknown = await api.ResultAsync(api.Enqueue("{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{}}"));
        var missing = await api.ResultAsync(api.Enqueue(TestPayloads.S3Event($"raw/{Guid.NewGuid():N}/never-uploaded.csv", bucket: EmulatorFixture.LakeBucket)));
        var sqs = await api.ResultAsync(api.Enqueue(TestPayloads.SqsBatch(TestPayloads.S3Event("raw/ok.csv", bucket: EmulatorFixture.LakeBucket), "not json")));
        var stillAlive = await api.ResultAsync(api.Enqueue(TestPayloads.Read("s3-test-event.json")));

        Assert.Equal("response", malformed.Kind);
        Assert.Contains("\"rejected\"", malformed.Body, StringComparison.Ordinal);
        Assert.Equal("response", unknown.Kind);
        Assert.Contains("aws.ec2", unknown.Body, StringComparison.Ordinal);
        Assert.Contains(missing.Kind, new[] { "response", "error" });
        Assert.Equal("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}", sqs.Body);
        Assert.Equal("response", stillAlive.Kind);
        Assert.Contains("\"ignored\"", stillAlive.Body, StringComparison.Ordinal);
        Assert.False(host.HasExited);
    }

    [Fact]
    public async Task Bootstrap_DeadlineAlreadyPassed_SqsMessagesReturnedForRedelivery()
    {
        using var api = new FakeRuntimeApi();
        using var host = StartHost(api);
        var batch = TestPayloads.SqsBatch(TestPayloads.S3Event("raw/a.csv", bucket: EmulatorFixture.LakeBucket), TestPayloads.S3Event("raw/b.csv", bucket: EmulatorFixture.LakeBucket));

        var result = await api.ResultAsync(api.Enqueue(batch, TimeSpan.FromMilliseconds(-1)));

        Assert.Equal("{\"batchItemFailures\":[{\"itemIdentifier\":\"m0\"},{\"itemIdentifier\":\"m1\"}]}", result.Body);
    }

    [Fact]
    public async Task Bootstrap_InvalidConfiguration_PostsInitErrorAndExits()
    {
        using var api = new FakeRuntimeApi();
        var environment = Environment(api);
        environment.Remove("SERVERLESSPREP_OUTPUT");
        environment["SERVERLESSPREP_KV"] = "table-without-scheme";
        using var host = new BootstrapProcess(environment);

        var initError = await api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.InvalidConfiguration", initError.ErrorTypeHeader);
        using var body = JsonDocument.Parse(initError.Body);
        var message = body.RootElement.GetProperty("errorMessage").GetString();
        Assert.Contains("SERVERLESSPREP_OUTPUT", message, StringComparison.Ordinal);
        Assert.Contains("SERVERLESSPREP_KV", message, StringComparison.Ordinal);
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, host.ExitCode);
    }

    /// <summary>Extend here when the pipeline lands: assert features/_profiles/_lineage outputs under s3://out/prepared.</summary>
    private static void AssertProcessedOrSkipped(JsonElement result)
        => Assert.Contains(result.GetProperty("status").GetString(), new[] { "processed", "skipped" });

    private BootstrapProcess StartHost(FakeRuntimeApi api) => new(Environment(api));

    private Dictionary<string, string?> Environment(FakeRuntimeApi api) => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = EmulatorFixture.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = EmulatorFixture.AccessKey,
        ["AWS_ENDPOINT_URL_S3"] = _emulators.S3Endpoint,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = _emulators.DynamoDbEndpoint,
        ["SERVERLESSPREP_OUTPUT"] = $"s3://{EmulatorFixture.OutputBucket}/prepared",
        ["SERVERLESSPREP_KV"] = $"dynamodb://{_table}",
        ["SERVERLESSPREP_TEMP_DIR"] = _tempDirectory,
    };
}
