using Google.Apis.Http;
using Google.Cloud.Storage.V1;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>A real <see cref="StorageClient"/> whose HTTP requests go to a <see cref="FakeGcs"/>.</summary>
internal static class FakeGcsClient
{
    public const string BaseUri = "http://fake-gcs.test/storage/v1/";

    public static StorageClient Create(FakeGcs fake) => new StorageClientBuilder
    {
        BaseUri = BaseUri,
        UnauthenticatedAccess = true,
        HttpClientFactory = new Factory(fake),
    }.Build();

    private sealed class Factory(FakeGcs fake) : HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => fake;
    }
}
