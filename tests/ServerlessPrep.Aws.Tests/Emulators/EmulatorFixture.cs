using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>
/// Starts s3rver (through tests/emulators/s3rver-events.js, which reports every S3 event record it emits) and dynalite
/// on free 127.0.0.1 ports for the whole test collection; runs <c>npm ci</c> first when node_modules is missing.
/// Kills both by PID at the end.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string LakeBucket = "lake";
    public const string OutputBucket = "out";
    public const string AccessKey = "S3RVER";

    private Process? _s3rver;
    private Process? _dynalite;

    public S3EventFeed Events { get; } = new();

    public RequestCountingHandler.Counters S3Requests { get; } = new();

    public int S3Port { get; private set; }

    public int DynamoDbPort { get; private set; }

    public string S3Endpoint => $"http://127.0.0.1:{S3Port}";

    public string DynamoDbEndpoint => $"http://127.0.0.1:{DynamoDbPort}";

    public static string EmulatorsDirectory { get; } = FindEmulatorsDirectory();

    public async Task InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(EmulatorsDirectory, "node_modules", "s3rver")))
        {
            await NodeProcess.RunToEndAsync("npm", "ci --no-audit --no-fund", EmulatorsDirectory, TimeSpan.FromMinutes(5));
        }

        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _s3rver = NodeProcess.Start("node", $"--openssl-legacy-provider s3rver-events.js --bucket {LakeBucket} --bucket {OutputBucket} --encode-keys", EmulatorsDirectory, line =>
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("ready", out var r))
            {
                ready.TrySetResult(r.GetProperty("port").GetInt32());
            }
            else if (document.RootElement.TryGetProperty("event", out var e))
            {
                Events.Add(e.GetRawText());
            }
        });
        S3Port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));

        DynamoDbPort = FreePort();
        _dynalite = NodeProcess.Start("node", $"node_modules/dynalite/cli.js --host 127.0.0.1 --port {DynamoDbPort} --createTableMs 0 --deleteTableMs 0", EmulatorsDirectory, _ => { });
        await WaitForPortAsync(DynamoDbPort, TimeSpan.FromSeconds(30));
    }

    public Task DisposeAsync()
    {
        NodeProcess.Kill(_s3rver);
        NodeProcess.Kill(_dynalite);
        return Task.CompletedTask;
    }

    /// <summary>A client as the host builds it, plus the test-only If-None-Match emulation s3rver lacks and request counting.</summary>
    public IAmazonS3 CreateS3Client() => new AmazonS3Client(
        new BasicAWSCredentials(AccessKey, AccessKey),
        new AmazonS3Config
        {
            ServiceURL = S3Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            HttpClientFactory = new EmulatorHttpClientFactory(S3Requests),
        });

    public IAmazonDynamoDB CreateDynamoDbClient() => new AmazonDynamoDBClient(
        new BasicAWSCredentials(AccessKey, AccessKey),
        new AmazonDynamoDBConfig { ServiceURL = DynamoDbEndpoint, AuthenticationRegion = "us-east-1" });

    /// <summary>Creates a table with the host's layout (pk/sk strings) and waits until it is ACTIVE.</summary>
    public static async Task CreateTableAsync(IAmazonDynamoDB client, string table)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
        var clock = Stopwatch.StartNew();
        while ((await client.DescribeTableAsync(table)).Table.TableStatus != TableStatus.ACTIVE)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"Table {table} did not become ACTIVE.");
            }

            await Task.Delay(20);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (until.Elapsed < timeout)
            {
                await Task.Delay(50);
            }
        }
    }

    private static string FindEmulatorsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "emulators");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/emulators/package.json not found above " + AppContext.BaseDirectory);
    }
}
