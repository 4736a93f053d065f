using Amazon.Runtime;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>SDK HTTP clients for s3rver: request counting, and emulation of <c>If-None-Match: *</c> (which s3rver ignores).</summary>
internal sealed class EmulatorHttpClientFactory : HttpClientFactory
{
    private readonly RequestCountingHandler.Counters _counters;

    public EmulatorHttpClientFactory(RequestCountingHandler.Counters counters) => _counters = counters;

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        => new(new RequestCountingHandler(_counters, new IfNoneMatchEmulatingHandler(new IfMatchEmulatingHandler(new SocketsHttpHandler()))));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
