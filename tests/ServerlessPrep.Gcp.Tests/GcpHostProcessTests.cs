using System.Net;
using System.Text.Json;
using Google.Cloud.Storage.V1;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

/// <summary>
/// End to end: the host runs as its own process on $PORT with the real Processor and GCS adapters, talking to the
/// in-memory Cloud Storage fake through STORAGE_EMULATOR_HOST; events go in over HTTP as Eventarc sends them.
/// </summary>
public sealed class GcpHostProcessTests : IAsyncLifetime
{
    private FakeGcsServer _gcs = null!;
    private GcpHostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _gcs = await FakeGcsServer.StartAsync();
        _host = await GcpHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = "gs://prep-lake/raw",
            ["SERVERLESSPREP_OUTPUT"] = "gs://prep-out/prepared",
            ["SERVERLESSPREP_KV"] = "gs://prep-state/kv",
            ["STORAGE_EMULATOR_HOST"] = $"127.0.0.1:{_gcs.Port}",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gcs.DisposeAsync();
    }

    [Fact]
    public async Task Post_BinaryAndStructuredForUploadedObject_Answer200WithCoreOutcome()
    {
        var client = new StorageClientBuilder { BaseUri = $"http://127.0.0.1:{_gcs.Port}/storage/v1/", UnauthenticatedAccess = true }.Build();
        var uploaded = await client.UploadObjectAsync("prep-lake", "raw/sales/2026/11/25.csv", "text/csv", new MemoryStream("id,amount\n1,2.5\n"u8.ToArray()));
        var data = CloudEventRequests.Data("prep-lake", uploaded.Name, (long)uploaded.Size!.Value, uploaded.Generation!.Value);

        var binary = await _host.Client.SendAsync(CloudEventRequests.Binary(data));
        var structured = await _host.Client.SendAsync(CloudEventRequests.Structured(CloudEventRequests.StructuredEvent(data)));

        foreach (var response in new[] { binary, structured })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("sales/2026/11/25.csv", body.GetProperty("key").GetString());
            Assert.Contains(body.GetProperty("status").GetString(), new[] { "processed", "skipped" });
        }

        // When the pipeline lands: assert _gcs.Gcs.Find("prep-out", "prepared/features/<dataset>/sales/2026/11/25.csv.parquet") is not null.
    }

    [Fact]
    public async Task Post_MalformedEvent_Answers400AndLogsError()
    {
        var response = await _host.Client.SendAsync(CloudEventRequests.Binary("{ not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await _host.WaitForOutputAsync("Malformed CloudEvent", TimeSpan.FromSeconds(5)), string.Join('\n', _host.Output));
    }

    [Fact]
    public async Task Post_UnknownTypeAndMissingObject_Answer200WithoutRetry()
    {
        var unknown = await _host.Client.SendAsync(CloudEventRequests.Binary("{}", "google.cloud.storage.object.v1.archived"));
        var missing = await _host.Client.SendAsync(CloudEventRequests.Binary(CloudEventRequests.Data("prep-lake", "raw/never-uploaded.csv")));

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
    }
}
