using System.Net;
using System.Text;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>
/// Test-only stand-in for S3 conditional writes, which s3rver ignores: a PUT carrying <c>If-None-Match: *</c> is preceded
/// by a HEAD of the same key and answered 412 PreconditionFailed (S3's documented response) when the key exists.
/// Serialized within this process, so races between in-process writers behave like S3's.
/// </summary>
internal sealed class IfNoneMatchEmulatingHandler : DelegatingHandler
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public IfNoneMatchEmulatingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Put || !(request.Headers.TryGetValues("If-None-Match", out var tags) && tags.Contains("*")) || request.RequestUri!.Query.Contains("uploadId", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            var target = new UriBuilder(request.RequestUri) { Query = string.Empty }.Uri;
            using var head = new HttpRequestMessage(HttpMethod.Head, target);
            using var exists = await base.SendAsync(head, cancellationToken);
            if (exists.StatusCode == HttpStatusCode.OK)
            {
                const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PreconditionFailed</Code>"
                    + "<Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>";
                return new HttpResponseMessage(HttpStatusCode.PreconditionFailed)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/xml"),
                    RequestMessage = request,
                };
            }

            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}
