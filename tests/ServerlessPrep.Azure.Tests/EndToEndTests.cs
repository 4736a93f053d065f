using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure.Tests;

/// <summary>
/// End to end on azurite: the worker's own wiring (environment with an inline spec → clients → real Processor → function),
/// a partition uploaded to the lake container, its BlobCreated event fed to the function, every output checked in azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EndToEndTests : IAsyncLifetime
{
    private const string Sequencer = "000000000000000000000000000089A4000000000018d6ea";
    private const string Key = "sales/2026/11/25.parquet";
    private readonly AzuriteFixture _azurite;
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "sp-azure-e2e-" + Guid.NewGuid().ToString("N"));
    private BlobContainerClient _lake = null!;
    private BlobContainerClient _output = null!;
    private TableKeyValueStore _kv = null!;
    private ServiceProvider _services = null!;
    private EventGridFunction _function = null!;

    public EndToEndTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _lake = await _azurite.NewContainerAsync();
        _output = await _azurite.NewContainerAsync();
        var table = await _azurite.NewTableAsync();
        _kv = new TableKeyValueStore(table, TimeProvider.System);
        var env = new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = $"azblob://{_lake.Name}/raw",
            ["SERVERLESSPREP_OUTPUT"] = $"azblob://{_output.Name}/prepared",
            ["SERVERLESSPREP_KV"] = $"aztable://{table.Name}",
            ["SERVERLESSPREP_SPEC"] = SalesData.Spec,
            ["SERVERLESSPREP_TEMP_DIR"] = _temp,
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
        };
        var services = new ServiceCollection().AddLogging();
        Program.AddServerlessPrep(services, AzureHostSettings.FromEnvironment(env.GetValueOrDefault), env.GetValueOrDefault);
        _services = services.BuildServiceProvider();
        _function = ActivatorUtilities.CreateInstance<EventGridFunction>(_services);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_ParquetPartitionCreated_WritesFeaturesProfileManifestLineageAndRecords()
    {
        var body = await UploadAsync(Key, await SalesData.ParquetAsync());

        var response = await DeliverAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("processed", Result(response).GetProperty("status").GetString());

        var (rows, splits) = await SalesData.ReadStringColumnAsync(await OpenOutputAsync("features/sales/2026/11/25.parquet"), "split");
        Assert.Equal(SalesData.Rows, rows);
        Assert.All(splits, s => Assert.Contains(s, new[] { "train", "validation", "test" }));
        Assert.Equal(splits[0], splits[2]); // split by customer: both of customer a's orders land together

        var profile = await ReadJsonAsync("_profiles/sales/2026/11/25.json");
        Assert.Equal("sales", profile.GetProperty("dataset").GetString());
        Assert.Equal(Key, profile.GetProperty("object").GetString());
        Assert.Equal(JsonValueKind.Object, profile.GetProperty("profile").ValueKind);

        var manifest = await ReadJsonAsync("_manifests/sales/2026/11/25.json");
        Assert.Equal(Key, manifest.GetProperty("inputKey").GetString());
        Assert.Equal(SalesData.Rows, manifest.GetProperty("rowsIn").GetInt64());
        Assert.Equal(SalesData.Rows, manifest.GetProperty("rowsOut").GetInt64());
        Assert.Equal(SalesData.Rows, manifest.GetProperty("splitCounts").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Contains("features/sales/2026/11/25.parquet", manifest.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()));

        var lineage = await ListOutputAsync("_lineage/sales/2026/11/25/");
        Assert.Equal(2, lineage.Count);
        Assert.Single(lineage.Keys, k => k.EndsWith(".start.json", StringComparison.Ordinal));
        var complete = Assert.Single(lineage.Keys, k => k.EndsWith(".complete.json", StringComparison.Ordinal));
        Assert.Equal("COMPLETE", (await ReadJsonAsync(complete)).GetProperty("eventType").GetString());

        var record = await ReadKvJsonAsync(KvKeys.Dataset("sales"), KvKeys.Object(Key));
        Assert.Equal(RecordStatus.Completed, record.GetProperty("status").GetString());
        Assert.Equal(SalesData.Rows, record.GetProperty("rowsOut").GetInt64());

        var online = await new OnlineFeatureReader(_kv).GetAsync("sales", "a");
        Assert.NotNull(online);
        Assert.Equal(Key, online.Source);
        Assert.Equal(new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc), online.EventTime);
        Assert.Equal(2, online.Format);
        Assert.True(online.Features.ContainsKey("amount"), string.Join(",", online.Features.Keys));
    }

    [Fact]
    public async Task RunAsync_SameEventDeliveredAgain_AnswersSkippedAndLeavesOutputsUnchanged()
    {
        var body = await UploadAsync(Key, await SalesData.ParquetAsync());
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(body)).StatusCode);
        var before = await ListOutputAsync(string.Empty);

        var again = await DeliverAsync(body);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("skipped", Result(again).GetProperty("status").GetString());
        Assert.Equal(before, await ListOutputAsync(string.Empty));
        Assert.Equal(RecordStatus.Completed, (await ReadKvJsonAsync(KvKeys.Dataset("sales"), KvKeys.Object(Key))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_CorruptParquet_QuarantinesAndAnswers200()
    {
        var body = await UploadAsync("sales/2026/11/26.parquet", "PAR1 this is not a parquet file PAR1"u8.ToArray());

        var response = await DeliverAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quarantined", Result(response).GetProperty("status").GetString());
        var notice = await ReadJsonAsync("_quarantine/sales/2026/11/26.error.json");
        Assert.Equal("sales/2026/11/26.parquet", notice.GetProperty("inputKey").GetString());
        Assert.Contains("sales/2026/11/26.parquet", notice.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await ListOutputAsync(string.Empty)).Keys, k => k.StartsWith("features/", StringComparison.Ordinal));
        var record = await ReadKvJsonAsync(KvKeys.Dataset("sales"), KvKeys.Object("sales/2026/11/26.parquet"));
        Assert.Equal(RecordStatus.Quarantined, record.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_BlobDeletedBeforeDelivery_AnswersSkipped200WithoutOutputs()
    {
        var body = await UploadAsync(Key, await SalesData.ParquetAsync());
        await _lake.DeleteBlobAsync("raw/" + Key);

        var response = await DeliverAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("skipped", Result(response).GetProperty("status").GetString());
        Assert.Contains("no longer exists", Result(response).GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListOutputAsync(string.Empty));
    }

    private async Task<string> UploadAsync(string key, byte[] content)
    {
        var blob = _lake.GetBlobClient("raw/" + key);
        await blob.UploadAsync(BinaryData.FromBytes(content));
        return await BlobCreatedEvents.ForBlobAsync(blob, Sequencer);
    }

    private async Task<FakeHttpResponse> DeliverAsync(string body)
        => (FakeHttpResponse)await _function.RunAsync(new FakeHttpRequest("POST", body), CancellationToken.None);

    private async Task<Stream> OpenOutputAsync(string key)
    {
        var content = await _output.GetBlobClient("prepared/" + key).DownloadContentAsync();
        return content.Value.Content.ToStream();
    }

    private async Task<JsonElement> ReadJsonAsync(string key)
    {
        await using var stream = await OpenOutputAsync(key);
        return (await JsonDocument.ParseAsync(stream)).RootElement.Clone();
    }

    /// <summary>Output blobs under the output root (relative names) with their ETags.</summary>
    private async Task<Dictionary<string, string>> ListOutputAsync(string prefix)
    {
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in _output.GetBlobsAsync(BlobTraits.None, BlobStates.None, "prepared/" + prefix, CancellationToken.None))
        {
            blobs[item.Name["prepared/".Length..]] = item.Properties.ETag!.Value.ToString();
        }

        return blobs;
    }

    private async Task<JsonElement> ReadKvJsonAsync(string partitionKey, string sortKey, int skip = 0)
    {
        var item = await _kv.GetAsync(partitionKey, sortKey);
        Assert.NotNull(item);
        return JsonDocument.Parse(item.Value[skip..]).RootElement.Clone();
    }

    private static JsonElement Result(FakeHttpResponse response)
        => JsonDocument.Parse(response.BodyText).RootElement.GetProperty("results")[0].Clone();
}
