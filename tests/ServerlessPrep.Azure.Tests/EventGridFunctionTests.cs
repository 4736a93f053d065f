using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Azure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class EventGridFunctionTests
{
    private const string Sequencer = "000000000000000000000000000089A4000000000018d6ea";
    private readonly AzuriteFixture _azurite;

    public EventGridFunctionTests(AzuriteFixture azurite) => _azurite = azurite;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_BlobCreatedForRealUpload_HandsObjectCreatedToProcessor(bool cloudEventsSchema)
    {
        var container = await _azurite.NewContainerAsync();
        var blob = container.GetBlobClient("raw/sales/2026/day 1.csv");
        await blob.UploadAsync(BinaryData.FromString("id,amount\n1,2.5\n"));
        var processor = new RecordingProcessor();
        var body = await BlobCreatedEvents.ForBlobAsync(blob, Sequencer, cloudEventsSchema);

        var response = await RunAsync(CreateSut(processor, new LakeScope(container.Name, "raw")), "POST", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = Assert.Single(processor.Received);
        Assert.Equal(container.Name, created.Store);
        Assert.Equal("sales/2026/day 1.csv", created.Key);
        Assert.Equal(16, created.Size);
        Assert.Equal((await blob.GetPropertiesAsync()).Value.ETag.ToString(), created.ETag);
        Assert.Equal(Sequencer, created.Sequencer);
        Assert.Equal("eventgrid", created.Source);
        Assert.Equal("processed", Result(response).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(ObjectStatus.Processed, HttpStatusCode.OK)]
    [InlineData(ObjectStatus.Skipped, HttpStatusCode.OK)]
    [InlineData(ObjectStatus.Quarantined, HttpStatusCode.OK)]
    [InlineData(ObjectStatus.Failed, HttpStatusCode.InternalServerError)]
    public async Task RunAsync_ProcessorStatus_MapsToRetryOrNot(ObjectStatus status, HttpStatusCode expected)
    {
        var response = await RunAsync(CreateSut(new RecordingProcessor(status)), "POST", Fixture("eventgrid-schema-blobcreated.json"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task RunAsync_ProcessorThrows_Answers500ForRedelivery()
    {
        var processor = new RecordingProcessor(toThrow: new IOException("connection reset"));

        var response = await RunAsync(CreateSut(processor), "POST", Fixture("eventgrid-schema-blobcreated.json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("connection reset", response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"data\":{}}]")]
    public async Task RunAsync_MalformedDelivery_Answers400WithError(string body)
    {
        var processor = new RecordingProcessor();

        var response = await RunAsync(CreateSut(processor), "POST", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(response.BodyText).RootElement.GetProperty("error").GetString()));
        Assert.Empty(processor.Received);
    }

    [Fact]
    public async Task RunAsync_SubscriptionValidation_EchoesCode()
    {
        var response = await RunAsync(CreateSut(new RecordingProcessor()), "POST", Fixture("eventgrid-schema-subscription-validation.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", JsonDocument.Parse(response.BodyText).RootElement.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task RunAsync_CloudEventsAbuseProtectionOptions_AllowsOrigin()
    {
        var response = await RunAsync(CreateSut(new RecordingProcessor()), "OPTIONS", null, ("WebHook-Request-Origin", "eventgrid.azure.net"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Header("WebHook-Allowed-Origin"));
    }

    [Theory]
    [InlineData("eventgrid-schema-blobdeleted.json")]
    [InlineData("eventgrid-schema-blobcreated.json")]
    public async Task RunAsync_IgnoredOrOutsideLake_Answers200WithoutProcessing(string fixture)
    {
        var processor = new RecordingProcessor();

        var response = await RunAsync(CreateSut(processor, new LakeScope("other", string.Empty)), "POST", Fixture(fixture));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(processor.Received);
        Assert.Equal("ignored", Result(response).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunAsync_RealProcessorOnAzurite_AnswersWithCoreOutcome()
    {
        var lake = await _azurite.NewContainerAsync();
        var output = await _azurite.NewContainerAsync();
        var blob = lake.GetBlobClient("sales/2026/11/25.csv");
        await blob.UploadAsync(BinaryData.FromString("id,amount\n1,2.5\n2,3.5\n"));
        var processor = new Processor(
            new BlobObjectStore(lake), new BlobObjectStore(output, "prepared"), new TableKeyValueStore(await _azurite.NewTableAsync(), TimeProvider.System),
            SpecSet.Empty, new ProcessorOptions(), TimeProvider.System);

        var response = await RunAsync(CreateSut(processor, new LakeScope(lake.Name, string.Empty)), "POST", await BlobCreatedEvents.ForBlobAsync(blob, Sequencer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Result(response);
        Assert.Equal("sales/2026/11/25.csv", result.GetProperty("key").GetString());
        Assert.Equal("processed", result.GetProperty("status").GetString());
        Assert.True((await output.GetBlobClient("prepared/features/sales/2026/11/25.parquet").ExistsAsync()).Value);
    }

    private static EventGridFunction CreateSut(IObjectProcessor processor, LakeScope? lake = null)
        => new(processor, lake ?? new LakeScope("lake", string.Empty), NullLogger<EventGridFunction>.Instance);

    private static async Task<FakeHttpResponse> RunAsync(EventGridFunction sut, string method, string? body, params (string, string)[] headers)
        => (FakeHttpResponse)await sut.RunAsync(new FakeHttpRequest(method, body, headers), CancellationToken.None);

    private static string Fixture(string name) => File.ReadAllText(RepoPaths.Fixture(name));

    private static JsonElement Result(FakeHttpResponse response)
        => JsonDocument.Parse(response.BodyText).RootElement.GetProperty("results")[0].Clone();
}
