using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.S3;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using Xunit.Abstractions;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>
/// Prints (does not assert) how long the bootstrap takes from process start to its first /next (init), to the response for
/// a first small partition, and to exit, against the local fake Runtime API and the emulators; plus the binary's size.
/// bench/aws-cold-start.sh runs only this test and shows its output.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ColdStartMeasurementTests : IAsyncLifetime
{
    private const int Runs = 5;
    private readonly EmulatorFixture _emulators;
    private readonly ITestOutputHelper _output;
    private readonly IAmazonS3 _s3;
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table = "cold" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _tempDirectory = Directory.CreateTempSubdirectory("prep-cold-").FullName;
    private string _binary = AotBootstrap.JitValue;

    public ColdStartMeasurementTests(EmulatorFixture emulators, ITestOutputHelper output)
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
    public async Task Bootstrap_FirstSmallPartition_PrintsColdStartTimings()
    {
        var partition = await OrdersParquet.WriteAsync();
        var lines = new List<string>();
        for (var run = 0; run < Runs; run++)
        {
            var key = $"orders/cold-{Guid.NewGuid():N}/part-0.parquet";
            await new S3ObjectStore(_s3, EmulatorFixture.LakeBucket).PutAsync(key, new MemoryStream(partition));
            var s3Event = await _emulators.Events.WaitForAsync(key);
            var api = new FakeRuntimeApi();
            var request = api.Enqueue(s3Event);

            var clock = Stopwatch.StartNew();
            using var host = new BootstrapProcess(_binary, Environment(api));
            var initMs = (await api.FirstNext - host.StartedAt).TotalMilliseconds;
            var result = await api.ResultAsync(request);
            var processedMs = clock.Elapsed.TotalMilliseconds;
            api.Dispose();
            var exited = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
            var exitMs = clock.Elapsed.TotalMilliseconds;

            Assert.Contains("\"processed\"", result.Body, StringComparison.Ordinal);
            Assert.True(exited);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: init (start -> first /next) {initMs:F0} ms, first partition processed {processedMs:F0} ms, exit {exitMs:F0} ms"));
        }

        var binary = _binary == AotBootstrap.JitValue ? "dotnet bootstrap.dll (JIT)" : $"{_binary} ({new FileInfo(_binary).Length / 1024.0 / 1024.0:F1} MiB)";
        _output.WriteLine($"binary: {binary}; publish in this run: {AotBootstrap.PublishTime.TotalSeconds:F0} s (0 = cached)");
        _output.WriteLine($"partition: {partition.Length} bytes, 4 rows; s3rver + dynalite on 127.0.0.1; fake Runtime API");
        lines.ForEach(_output.WriteLine);
    }

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
