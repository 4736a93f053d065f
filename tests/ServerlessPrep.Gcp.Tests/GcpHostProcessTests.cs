using System.Net;
using System.Text.Json;
using Google.Cloud.Storage.V1;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Gcp.Storage;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

/// <summary>
/// End to end: the host runs as its own process on $PORT with the real Processor and GCS adapters, configured with an
/// inline spec, talking to the in-memory Cloud Storage fake through STORAGE_EMULATOR_HOST; events go in over HTTP as
/// Eventarc sends them, and every output is checked in the fake.
/// </summary>
public sealed class GcpHostProcessTests : IAsyncLifetime
{
    private const string Key = "sales/2026/11/25.parquet";
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "sp-gcp-e2e-" + Guid.NewGuid().ToString("N"));
    private FakeGcsServer _gcs = null!;
    private GcpHostProcess _host = null!;
    private StorageClient _client = null!;

    public async Task InitializeAsync()
    {
        _gcs = await FakeGcsServer.StartAsync();
        _client = new StorageClientBuilder { BaseUri = $"http://127.0.0.1:{_gcs.Port}/storage/v1/", UnauthenticatedAccess = true }.Build();
        _host = await GcpHostProcess.StartAsync(HostEnvironment(SalesData.Spec));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gcs.DisposeAsync();
        _client.Dispose();
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_ParquetPartitionFinalized_WritesOutputsAndRecordsOnceRedeliveryChangesNothing(bool structuredFirst)
    {
        var data = await UploadAsync(Key, await SalesData.ParquetAsync());

        var first = await PostAsync(data, structuredFirst);
        var written = Snapshot("prep-out", string.Empty);
        var again = await PostAsync(data, !structuredFirst);

        first.Is(HttpStatusCode.OK, "processed");
        again.Is(HttpStatusCode.OK, "skipped");
        Assert.Equal(written, Snapshot("prep-out", string.Empty));

        var (rows, splits) = await SalesData.ReadStringColumnAsync(new MemoryStream(Output("features/sales/2026/11/25.parquet")), "split");
        Assert.Equal(SalesData.Rows, rows);
        Assert.All(splits, s => Assert.Contains(s, new[] { "train", "validation", "test" }));
        Assert.Equal(splits[0], splits[2]);
        Assert.Equal(Key, Json(Output("_profiles/sales/2026/11/25.json")).GetProperty("object").GetString());
        var manifest = Json(Output("_manifests/sales/2026/11/25.json"));
        Assert.Equal(SalesData.Rows, manifest.GetProperty("rowsOut").GetInt64());
        Assert.Contains("features/sales/2026/11/25.parquet", manifest.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()));
        var lineage = Snapshot("prep-out", "prepared/_lineage/sales/2026/11/25/").Keys.ToList();
        Assert.Equal(2, lineage.Count);
        Assert.Contains(lineage, k => k.EndsWith(".start.json", StringComparison.Ordinal));
        Assert.Contains(lineage, k => k.EndsWith(".complete.json", StringComparison.Ordinal));

        var record = await KvJsonAsync(KvKeys.Dataset("sales"), KvKeys.Object(Key));
        Assert.Equal(RecordStatus.Completed, record.GetProperty("status").GetString());
        Assert.Equal(SalesData.Rows, record.GetProperty("rowsIn").GetInt64());
        var online = await new OnlineFeatureReader(new GcsKeyValueStore(_client, "prep-state", "kv", TimeProvider.System)).GetAsync("sales", "a");
        Assert.NotNull(online);
        Assert.Equal(Key, online.Source);
        Assert.Equal(new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc), online.EventTime);
        Assert.NotNull(_gcs.Gcs.Find("prep-state", "kv/ent!23sales!23a/features"));
    }

    [Fact]
    public async Task Post_CorruptObject_QuarantinesAndAnswers200()
    {
        var data = await UploadAsync("sales/2026/11/26.parquet", "PAR1 this is not a parquet file PAR1"u8.ToArray());

        var response = await PostAsync(data, structured: false);

        response.Is(HttpStatusCode.OK, "quarantined");
        var notice = Json(Output("_quarantine/sales/2026/11/26.error.json"));
        Assert.Equal("sales/2026/11/26.parquet", notice.GetProperty("inputKey").GetString());
        Assert.Contains("sales/2026/11/26.parquet", notice.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(Snapshot("prep-out", "prepared/features/"));
        Assert.Equal(RecordStatus.Quarantined, (await KvJsonAsync(KvKeys.Dataset("sales"), KvKeys.Object("sales/2026/11/26.parquet"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Post_MalformedEvent_Answers400AndLogsError()
    {
        var response = await _host.Client.SendAsync(CloudEventRequests.Binary("{ not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await _host.WaitForOutputAsync("Malformed CloudEvent", TimeSpan.FromSeconds(5)), string.Join('\n', _host.Output));
    }

    [Fact]
    public async Task Post_UnknownTypeAndMissingObject_Answer200WithoutRetryOrOutputs()
    {
        var unknown = await _host.Client.SendAsync(CloudEventRequests.Binary("{}", "google.cloud.storage.object.v1.archived"));
        var missing = await PostAsync(CloudEventRequests.Data("prep-lake", "raw/sales/never-uploaded.parquet"), structured: false);

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        missing.Is(HttpStatusCode.OK, "skipped");
        Assert.Contains("no longer exists", missing.Body, StringComparison.Ordinal);
        Assert.Empty(Snapshot("prep-out", string.Empty));
    }

    [Fact]
    public async Task Start_InvalidSpec_ExitsListingEveryProblem()
    {
        const string spec = "name: sales\ncolumns:\n  amount: { transform: standardise }\nsplit: { train: 0.9, validation: 0.2, test: 0.1 }\n";

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => GcpHostProcess.StartAsync(HostEnvironment(spec)));

        Assert.Contains("$SERVERLESSPREP_SPEC:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$SERVERLESSPREP_SPEC:4:", ex.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string> HostEnvironment(string spec) => new()
    {
        ["SERVERLESSPREP_LAKE"] = "gs://prep-lake/raw",
        ["SERVERLESSPREP_OUTPUT"] = "gs://prep-out/prepared",
        ["SERVERLESSPREP_KV"] = "gs://prep-state/kv",
        ["SERVERLESSPREP_SPEC"] = spec,
        ["SERVERLESSPREP_TEMP_DIR"] = _temp,
        ["STORAGE_EMULATOR_HOST"] = $"127.0.0.1:{_gcs.Port}",
    };

    private async Task<string> UploadAsync(string key, byte[] content)
    {
        var uploaded = await _client.UploadObjectAsync("prep-lake", "raw/" + key, "application/octet-stream", new MemoryStream(content));
        return CloudEventRequests.Data("prep-lake", uploaded.Name, (long)uploaded.Size!.Value, uploaded.Generation!.Value);
    }

    /// <summary>Posts the event and returns the answer's status code and outcome word; the whole answer is in <see cref="Outcome.Body"/>.</summary>
    private async Task<Outcome> PostAsync(string data, bool structured)
    {
        var request = structured ? CloudEventRequests.Structured(CloudEventRequests.StructuredEvent(data)) : CloudEventRequests.Binary(data);
        using var response = await _host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Outcome(response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("status").GetString(), body);
    }

    private sealed record Outcome(HttpStatusCode Status, string? Word, string Body)
    {
        public void Is(HttpStatusCode status, string word)
            => Assert.True(Status == status && Word == word, $"expected {(int)status} {word}, got {(int)Status}: {Body}");
    }

    private byte[] Output(string key)
        => (_gcs.Gcs.Find("prep-out", "prepared/" + key) ?? throw new Xunit.Sdk.XunitException($"no output prepared/{key}; have: {string.Join(", ", Snapshot("prep-out", string.Empty).Keys)}")).Content;

    private Dictionary<string, long> Snapshot(string bucket, string prefix)
        => _gcs.Gcs.Objects(bucket, prefix).ToDictionary(o => o.Name, o => o.Generation, StringComparer.Ordinal);

    private async Task<JsonElement> KvJsonAsync(string partitionKey, string sortKey, int skip = 0)
    {
        var item = await new GcsKeyValueStore(_client, "prep-state", "kv", TimeProvider.System).GetAsync(partitionKey, sortKey);
        Assert.NotNull(item);
        return JsonDocument.Parse(item.Value[skip..]).RootElement.Clone();
    }

    private static JsonElement Json(byte[] content) => JsonDocument.Parse(content).RootElement.Clone();
}
