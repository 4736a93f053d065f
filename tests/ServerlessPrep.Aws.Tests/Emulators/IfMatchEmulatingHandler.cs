using System.Net;
using System.Text;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>
/// Test-only stand-in for S3's conditional reads, which s3rver ignores: a GET carrying <c>If-Match</c> is preceded by a HEAD
/// of the same key and answered 412 PreconditionFailed (S3's documented response) when the ETag no longer matches, so that a
/// reader pinned to one version sees the overwrite instead of mixing two versions.
/// </summary>
internal sealed class IfMatchEmulatingHandler : DelegatingHandler
{
    public IfMatchEmulatingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || !request.Headers.TryGetValues("If-Match", out var tags))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var target = new UriBuilder(request.RequestUri!) { Query = string.Empty }.Uri;
        using var head = new HttpRequestMessage(HttpMethod.Head, target);
        using var current = await base.SendAsync(head, cancellationToken);
        var etag = current.Headers.ETag?.Tag.Trim('"');
        if (current.StatusCode == HttpStatusCode.OK && tags.Any(t => t.Trim('"') == etag))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        const string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PreconditionFailed</Code>"
            + "<Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-Match</Condition></Error>";
        return new HttpResponseMessage(HttpStatusCode.PreconditionFailed)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/xml"),
            RequestMessage = request,
        };
    }
}
