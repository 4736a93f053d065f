using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

/// <summary>The host contract over real HTTP (in-process Kestrel), with a recording processor behind it.</summary>
public sealed class CloudEventEndpointTests
{
    private static readonly LakeScope Lake = new("prep-lake", "raw");

    [Fact]
    public async Task Post_BinaryModeFinalized_HandsObjectCreatedToProcessor()
    {
        var processor = new RecordingProcessor();
        await using var host = await InProcessHost.StartAsync(processor, Lake);

        var response = await host.Client.SendAsync(CloudEventRequests.Binary(CloudEventRequests.Data("prep-lake", "raw/sales/day 1.csv", 42, 1764063660000007)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = Assert.Single(processor.Received);
        Assert.Equal(("prep-lake", "sales/day 1.csv", 42L), (created.Store, created.Key, created.Size));
        Assert.Equal(("1764063660000007", "1764063660000007"), (created.Version, created.Sequencer));
        Assert.Equal("gcs", created.Source);
        Assert.Equal("processed", await StatusOf(response));
    }

    [Fact]
    public async Task Post_StructuredModeFixture_HandsObjectCreatedToProcessor()
    {
        var processor = new RecordingProcessor();
        await using var host = await InProcessHost.StartAsync(processor, Lake);

        var response = await host.Client.SendAsync(CloudEventRequests.Structured(File.ReadAllText(RepoPaths.Fixture("gcs-finalized-structured.json"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sales/2026/11/day 25.parquet", Assert.Single(processor.Received).Key);
    }

    [Fact]
    public async Task Post_PubSubStorageNotificationFixture_HandsObjectCreatedToProcessor()
    {
        var processor = new RecordingProcessor();
        await using var host = await InProcessHost.StartAsync(processor, Lake);

        var response = await host.Client.SendAsync(CloudEventRequests.Structured(File.ReadAllText(RepoPaths.Fixture("pubsub-gcs-notification-structured.json"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = Assert.Single(processor.Received);
        Assert.Equal(("prep-lake", "sales/2026/11/day 25.parquet", "1764063660123456", "pubsub"), (created.Store, created.Key, created.Version, created.Source));
    }

    [Theory]
    [InlineData(ObjectStatus.Skipped, HttpStatusCode.OK)]
    [InlineData(ObjectStatus.Quarantined, HttpStatusCode.OK)]
    [InlineData(ObjectStatus.Failed, HttpStatusCode.InternalServerError)]
    public async Task Post_ProcessorStatus_MapsToRetryOrNot(ObjectStatus status, HttpStatusCode expected)
    {
        await using var host = await InProcessHost.StartAsync(new RecordingProcessor(status), Lake);

        var response = await host.Client.SendAsync(CloudEventRequests.Binary(CloudEventRequests.Data("prep-lake", "raw/a.csv")));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Post_ProcessorThrows_Answers500AndLogsError()
    {
        await using var host = await InProcessHost.StartAsync(new RecordingProcessor(toThrow: new TimeoutException("GCS timed out")), Lake);

        var response = await host.Client.SendAsync(CloudEventRequests.Binary(CloudEventRequests.Data("prep-lake", "raw/a.csv")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("a.csv threw", StringComparison.Ordinal));
    }

    public static TheoryData<string, Func<HttpRequestMessage>> BadEvents => new()
    {
        { "malformed JSON data", () => CloudEventRequests.Binary("{\"bucket\": ") },
        { "missing object name", () => CloudEventRequests.Binary("{\"bucket\":\"prep-lake\",\"updated\":\"2026-11-25T09:41:00Z\"}") },
        { "missing ce-id", () => CloudEventRequests.Binary(CloudEventRequests.Data("prep-lake", "raw/a.csv"), id: null) },
        { "not a CloudEvent", () => new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}") } },
        { "malformed structured JSON", () => CloudEventRequests.Structured("{\"specversion\":") },
        { "batch", () => CloudEventRequests.Structured("[]", "application/cloudevents-batch+json") },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Post_BadEvent_Answers400AndLogsClearError(string what, Func<HttpRequestMessage> request)
    {
        var processor = new RecordingProcessor();
        await using var host = await InProcessHost.StartAsync(processor, Lake);

        var response = await host.Client.SendAsync(request());

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        Assert.Empty(processor.Received);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString();
        Assert.False(string.IsNullOrEmpty(error), what);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(error!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("google.cloud.storage.object.v1.deleted", "raw/a.csv")]
    [InlineData("com.example.unknown", "raw/a.csv")]
    [InlineData(CloudEventRequests.Finalized, "elsewhere/a.csv")]
    public async Task Post_UnknownTypeOrOutsideLake_Answers200Ignored(string type, string name)
    {
        var processor = new RecordingProcessor();
        await using var host = await InProcessHost.StartAsync(processor, Lake);

        var response = await host.Client.SendAsync(CloudEventRequests.Binary(CloudEventRequests.Data("prep-lake", name), type));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(processor.Received);
        Assert.Equal("ignored", await StatusOf(response));
        Assert.Contains(host.Logs.Entries, e => e.Level >= LogLevel.Information && e.Message.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_UnknownType_LogsWarningNamingTheType()
    {
        await using var host = await InProcessHost.StartAsync(new RecordingProcessor(), Lake);

        await host.Client.SendAsync(CloudEventRequests.Binary("{}", "com.example.unknown"));

        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("unexpected type com.example.unknown", StringComparison.Ordinal));
    }

    private static async Task<string?> StatusOf(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
}
