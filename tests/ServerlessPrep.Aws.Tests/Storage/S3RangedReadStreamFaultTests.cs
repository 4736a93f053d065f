using Amazon.Runtime;
using Amazon.S3;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;

namespace ServerlessPrep.Aws.Tests.Storage;

[Collection(EmulatorCollection.Name)]
public sealed class S3RangedReadStreamFaultTests
{
    private readonly EmulatorFixture _emulators;

    public S3RangedReadStreamFaultTests(EmulatorFixture emulators) => _emulators = emulators;

    [Fact]
    public async Task ReadAsync_BodyCutTwice_RetriesRangeAndReturnsExactBytes()
    {
        var bytes = S3ObjectStoreTests.RandomBytes(300_000);
        var key = $"faults/{Guid.NewGuid():N}.bin";
        using (var client = _emulators.CreateS3Client())
        {
            await new S3ObjectStore(client, EmulatorFixture.LakeBucket).PutAsync(key, new MemoryStream(bytes));
        }

        using var flaky = CreateClient(cuts: 2);
        await using var stream = (S3RangedReadStream)await new S3ObjectStore(flaky, EmulatorFixture.LakeBucket).OpenReadAsync(key);
        var read = new byte[bytes.Length];
        await stream.ReadExactlyAsync(read);

        Assert.Equal(bytes, read);
        Assert.Equal(3, stream.RequestCount);
    }

    [Fact]
    public async Task ReadAsync_BodyAlwaysCut_SurfacesIOExceptionForRetryByTheHost()
    {
        var key = $"faults/{Guid.NewGuid():N}.bin";
        using (var client = _emulators.CreateS3Client())
        {
            await new S3ObjectStore(client, EmulatorFixture.LakeBucket).PutAsync(key, new MemoryStream(new byte[10_000]));
        }

        using var flaky = CreateClient(cuts: int.MaxValue);
        await using var stream = await new S3ObjectStore(flaky, EmulatorFixture.LakeBucket).OpenReadAsync(key);

        await Assert.ThrowsAnyAsync<IOException>(async () => await stream.ReadExactlyAsync(new byte[100]));
    }

    private AmazonS3Client CreateClient(int cuts) => new(
        new BasicAWSCredentials(EmulatorFixture.AccessKey, EmulatorFixture.AccessKey),
        new AmazonS3Config
        {
            ServiceURL = _emulators.S3Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            HttpClientFactory = new FaultFactory(cuts),
        });

    /// <summary>The SDK may build several HTTP clients; the cut budget is shared by all of them.</summary>
    private sealed class FaultFactory(int cuts) : HttpClientFactory
    {
        private int _cutsLeft = cuts;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
            => new(new BodyCuttingHandler(() => Interlocked.Decrement(ref _cutsLeft) >= 0, new SocketsHttpHandler()));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
