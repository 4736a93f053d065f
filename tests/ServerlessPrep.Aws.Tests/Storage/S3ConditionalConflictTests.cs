using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using ServerlessPrep.Aws.Storage;

namespace ServerlessPrep.Aws.Tests.Storage;

/// <summary>S3 answers 409 ConditionalRequestConflict when another conditional write to the same key is in flight.</summary>
public sealed class S3ConditionalConflictTests
{
    [Fact]
    public async Task PutIfAbsentAsync_409ConditionalRequestConflict_ReturnsFalse()
    {
        using var client = CreateClient("ConditionalRequestConflict");
        var store = new S3ObjectStore(client, "out", "p");

        var won = await store.PutIfAbsentAsync("claim.json", "{}"u8.ToArray());

        Assert.False(won);
    }

    [Fact]
    public async Task PutIfAbsentAsync_Other409_Throws()
    {
        using var client = CreateClient("OperationAborted");
        var store = new S3ObjectStore(client, "out", "p");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(async () => await store.PutIfAbsentAsync("claim.json", "{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    private static AmazonS3Client CreateClient(string errorCode) => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonS3Config
        {
            ServiceURL = "http://127.0.0.1:9",
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            HttpClientFactory = new ConflictFactory(errorCode),
        });

    private sealed class ConflictFactory(string errorCode) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new ConflictHandler(errorCode));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }

    private sealed class ConflictHandler(string errorCode) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{errorCode}</Code>"
                + "<Message>A conflicting conditional operation is currently in progress against this resource.</Message></Error>";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Conflict)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/xml"),
                RequestMessage = request,
            });
        }
    }
}
