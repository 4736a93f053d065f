using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessPrep.Azure.Tests.Support;

namespace ServerlessPrep.Azure.Tests;

/// <summary>The worker's own wiring (settings from the environment → clients → processor → function), on azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProgramWiringTests
{
    private readonly AzuriteFixture _azurite;

    public ProgramWiringTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task AddServerlessPrep_FromEnvironment_CreatesFunctionThatHandlesRealEvent()
    {
        var lake = await _azurite.NewContainerAsync();
        var output = await _azurite.NewContainerAsync();
        var table = await _azurite.NewTableAsync();
        var env = new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = $"azblob://{lake.Name}/raw",
            ["SERVERLESSPREP_OUTPUT"] = $"azblob://{output.Name}/prepared",
            ["SERVERLESSPREP_KV"] = $"aztable://{table.Name}",
            ["SERVERLESSPREP_STORAGE_CONNECTION"] = "DataStorage",
            ["DataStorage"] = _azurite.ConnectionString,
        };
        var services = new ServiceCollection().AddLogging();
        Program.AddServerlessPrep(services, AzureHostSettings.FromEnvironment(env.GetValueOrDefault), env.GetValueOrDefault);
        await using var provider = services.BuildServiceProvider();
        var function = ActivatorUtilities.CreateInstance<EventGridFunction>(provider);
        var blob = lake.GetBlobClient("raw/sales/1.csv");
        await blob.UploadAsync(BinaryData.FromString("a,b\n1,2\n"));

        var request = new FakeHttpRequest("POST", await BlobCreatedEvents.ForBlobAsync(blob, "0000000000000001"));
        var response = (FakeHttpResponse)await function.RunAsync(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"key\":\"sales/1.csv\"", response.BodyText, StringComparison.Ordinal);
    }
}
