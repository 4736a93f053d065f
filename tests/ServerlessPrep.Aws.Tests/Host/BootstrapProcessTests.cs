using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using ServerlessPrep.Core.Processing;
using Xunit.Abstractions;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>
/// The Native AOT bootstrap as a real process against a fake Runtime API and the emulators, fed with events s3rver really
/// emitted: outputs in s3rver, records and online features in dynalite, and the answers (retry or not) posted to the runtime.
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
    private readonly string _run = Guid.NewGuid().ToString("N");
    private string _binary = AotBootstrap.JitValue;

    public BootstrapProcessTests(EmulatorFixture emulators, ITestOutputHelper output)
    {
        _emulators = emulators;
        _output = output;
        _s3 = emulators.CreateS3Client();
        _dynamo = emulators.CreateDynamoDbClient();
    }

    public async Task InitializeAsync()
    {
        _binary = await AotBootstrap.GetAsync();
        await EmulatorFixture.CreateTableAsync(_dynamo, _table);
    }

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
        Assert.Equal("processed", result.GetProperty("status").GetString());
        Assert.Equal(2, result.GetProperty("rowsOut").GetInt64());
        Assert.Equal("response", viaSqs.Kind);
        Assert.Equal("{\"batchItemFailures\":[]}", viaSqs.Body);
        Assert.False(host.HasExited);
        _output.WriteLine($"cold start (process start -> first /next): {(await api.FirstNext - host.StartedAt).TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Bootstrap_ParquetPartition_WritesOutputsRecordAndOnlineFeaturesAndRedeliveryChangesNothing()
    {
        using var api = new FakeRuntimeApi();
        using var host = StartHost(api);
        var key = $"orders/{_run}/part-0.parquet";
        await new S3ObjectStore(_s3, EmulatorFixture.LakeBucket).PutAsync(key, new MemoryStream(await OrdersParquet.WriteAsync()));
        var s3Event = await _emulators.Events.WaitForAsync(key);

        var first = await api.ResultAsync(api.Enqueue(s3Event));
        var outputs = await OutputSnapshot.TakeAsync(_s3, EmulatorFixture.OutputBucket, "prepared/", _run);
        var writes = _emulators.Events.Count(EmulatorFixture.OutputBucket, _run);
        var record = await GetItemAsync(KvKeys.Dataset("orders"), KvKeys.Object(key));
        var online = await OnlineFeatureVersionsAsync();
        var second = await api.ResultAsync(api.Enqueue(TestPayloads.SqsBatch(s3Event)));
        var third = await api.ResultAsync(api.Enqueue(s3Event));

        Assert.Equal("response", first.Kind);
        var result = SingleResult(first);
        Assert.Equal("processed", result.GetProperty("status").GetString());
        Assert.Equal(4, result.GetProperty("rowsIn").GetInt64());
        Assert.Equal(4, result.GetProperty("rowsOut").GetInt64());
        var features = outputs[$"prepared/features/orders/{_run}/part-0.parquet"].Bytes;
        var (rows, splits) = await OrdersParquet.ReadFeaturesAsync(features);
        Assert.Equal(4, rows);
        Assert.NotNull(splits);
        Assert.All(splits, s => Assert.Contains(s, new[] { "train", "validation", "test" }));
        Assert.Equal(splits[0], splits[2]);
        using (var profile = JsonDocument.Parse(outputs[$"prepared/_profiles/orders/{_run}/part-0.json"].Bytes))
        using (var manifest = JsonDocument.Parse(outputs[$"prepared/_manifests/orders/{_run}/part-0.json"].Bytes))
        {
            Assert.Equal(JsonValueKind.Object, profile.RootElement.ValueKind);
            Assert.Equal(JsonValueKind.Object, manifest.RootElement.ValueKind);
        }

        Assert.Contains(outputs.Keys, k => k.StartsWith($"prepared/_lineage/orders/{_run}/part-0/", StringComparison.Ordinal) && k.EndsWith(".complete.json", StringComparison.Ordinal));
        Assert.Equal("COMPLETED", StoredStatus(record));
        Assert.Equal(OrdersParquet.Customers.Distinct().Count(), online.Count(v => v is not null));
        var served = await new OnlineFeatureReader(new DynamoDbKeyValueStore(_dynamo, _table, TimeProvider.System)).GetAsync("orders", OrdersParquet.Customers[0]);
        Assert.NotNull(served);
        Assert.Equal((key, 2), (served.Source, served.Format));
        Assert.NotEmpty(served.Features);

        Assert.Equal("{\"batchItemFailures\":[]}", second.Body);
        Assert.Equal("skipped", SingleResult(third).GetProperty("status").GetString());
        var after = await OutputSnapshot.TakeAsync(_s3, EmulatorFixture.OutputBucket, "prepared/", _run);
        Assert.Equal(writes, _emulators.Events.Count(EmulatorFixture.OutputBucket, _run));
        Assert.Equal(outputs.Keys, after.Keys);
        Assert.All(outputs, o => Assert.Equal(o.Value.ETag, after[o.Key].ETag));
        Assert.All(outputs, o => Assert.Equal(o.Value.Bytes, after[o.Key].Bytes));
        var recordAfter = await GetItemAsync(KvKeys.Dataset("orders"), KvKeys.Object(key));
        Assert.Equal(record!["ver"].N, recordAfter!["ver"].N);
        Assert.Equal(record["v"].B.ToArray(), recordAfter["v"].B.ToArray());
        Assert.Equal(online, await OnlineFeatureVersionsAsync());
    }

    [Fact]
    public async Task Bootstrap_CorruptParquet_QuarantinedAndAnsweredWithoutRetry()
    {
        using var api = new FakeRuntimeApi();
        using var host = StartHost(api);
        var key = $"orders/{_run}/corrupt.parquet";
        await new S3ObjectStore(_s3, EmulatorFixture.LakeBucket).PutAsync(key, new MemoryStream("PAR1 this is not parquet PAR1"u8.ToArray()));
        var s3Event = await _emulators.Events.WaitForAsync(key);

        var direct = await api.ResultAsync(api.Enqueue(s3Event));
        var viaSqs = await api.ResultAsync(api.Enqueue(TestPayloads.SqsBatch(s3Event)));

        Assert.Equal("response", direct.Kind);
        Assert.Equal("quarantined", SingleResult(direct).GetProperty("status").GetString());
        Assert.Equal("{\"batchItemFailures\":[]}", viaSqs.Body);
        var outputs = await OutputSnapshot.TakeAsync(_s3, EmulatorFixture.OutputBucket, "prepared/", _run);
        using var error = JsonDocument.Parse(outputs[$"prepared/_quarantine/orders/{_run}/corrupt.error.json"].Bytes);
        Assert.Contains(key, error.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(outputs.Keys, k => k.StartsWith("prepared/features/", StringComparison.Ordinal));
        Assert.Equal("QUARANTINED", StoredStatus(await GetItemAsync(KvKeys.Dataset("orders"), KvKeys.Object(key))));
    }

    [Fact]
    public async Task Bootstrap_EventForMissingObject_SkippedWithoutRetry()
    {
        using var api = new FakeRuntimeApi();
        using var host = StartHost(api);
        var s3Event = TestPayloads.S3Event($"orders/{_run}/never-uploaded.parquet", bucket: EmulatorFixture.LakeBucket);

        var direct = await api.ResultAsync(api.Enqueue(s3Event));
        var viaSqs = await api.ResultAsync(api.Enqueue(TestPayloads.SqsBatch(s3Event)));

        Assert.Equal("response", direct.Kind);
        Assert.Equal("skipped", SingleResult(direct).GetProperty("status").GetString());
        Assert.Equal("{\"batchItemFailures\":[]}", viaSqs.Body);
        Assert.Empty(await OutputSnapshot.TakeAsync(_s3, EmulatorFixture.OutputBucket, "prepared/", _run));
    }

    [Fact]
    public async Task Bootstrap_InvalidSpec_PostsInitErrorListingEveryProblemAndExits()
    {
        using var api = new FakeRuntimeApi();
        var environment = Environment(api);
        environment["SERVERLESSPREP_SPEC"] = "name: sales\ncolumns:\n  amount: { transform: standardise }\nsplit: { train: 0.9, validation: 0.2, test: 0.1 }\n";
        using var host = new BootstrapProcess(_binary, environment);

        var initError = await api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.InvalidConfiguration", initError.ErrorTypeHeader);
        using var body = JsonDocument.Parse(initError.Body);
        var message = body.RootElement.GetProperty("errorMessage").GetString();
        Assert.Contains("SERVERLESSPREP_SPEC:3:", message, StringComparison.Ordinal);
        Assert.Contains("SERVERLESSPREP_SPEC:4:", message, StringComparison.Ordinal);
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, host.ExitCode);
    }

    [Fact]
    public async Task Bootstrap_BadEvents_AnsweredWithoutRetryAndLoopKeepsPolling()
    {
        using var api = new FakeRuntimeApi();
        using var host = StartHost(api);

        var malformed = await api.ResultAsync(api.Enqueue("{\"Records\": [ oops"));
        var unknown = await api.ResultAsync(api.Enqueue("{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{}}"));
        var sqs = await api.ResultAsync(api.Enqueue(TestPayloads.SqsBatch(TestPayloads.S3Event("raw/ok.csv", bucket: EmulatorFixture.LakeBucket), "not json")));
        var stillAlive = await api.ResultAsync(api.Enqueue(TestPayloads.Read("s3-test-event.json")));

        Assert.Equal("response", malformed.Kind);
        Assert.Contains("\"rejected\"", malformed.Body, StringComparison.Ordinal);
        Assert.Equal("response", unknown.Kind);
        Assert.Contains("aws.ec2", unknown.Body, StringComparison.Ordinal);
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
        using var host = new BootstrapProcess(_binary, environment);

        var initError = await api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.InvalidConfiguration", initError.ErrorTypeHeader);
        using var body = JsonDocument.Parse(initError.Body);
        var message = body.RootElement.GetProperty("errorMessage").GetString();
        Assert.Contains("SERVERLESSPREP_OUTPUT", message, StringComparison.Ordinal);
        Assert.Contains("SERVERLESSPREP_KV", message, StringComparison.Ordinal);
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, host.ExitCode);
    }

    private static string? StoredStatus(Dictionary<string, AttributeValue>? item)
    {
        Assert.NotNull(item);
        using var record = JsonDocument.Parse(item["v"].B.ToArray());
        return record.RootElement.GetProperty("status").GetString();
    }

    /// <summary>The stored version of each customer's online features (null where there are none).</summary>
    private async Task<string?[]> OnlineFeatureVersionsAsync()
    {
        var versions = new List<string?>();
        foreach (var customer in OrdersParquet.Customers.Distinct())
        {
            versions.Add((await GetItemAsync(KvKeys.Entity("orders", customer), KvKeys.OnlineFeatures))?["ver"].N);
        }

        return [.. versions];
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string pk, string sk)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { ["pk"] = new() { S = pk }, ["sk"] = new() { S = sk } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static JsonElement SingleResult(RuntimePost post)
    {
        using var summary = JsonDocument.Parse(post.Body);
        return Assert.Single(summary.RootElement.GetProperty("results").EnumerateArray()).Clone();
    }

    private BootstrapProcess StartHost(FakeRuntimeApi api) => new(_binary, Environment(api));

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
        ["SERVERLESSPREP_SPEC"] = OrdersParquet.Spec,
    };
}
