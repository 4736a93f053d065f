using System.Net;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>Fault injection: ranged GETs lose their connection halfway through the body while <c>shouldCut()</c> says so.</summary>
internal sealed class BodyCuttingHandler : DelegatingHandler
{
    private readonly Func<bool> _shouldCut;

    public BodyCuttingHandler(Func<bool> shouldCut, HttpMessageHandler inner)
        : base(inner) => _shouldCut = shouldCut;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Get && response.StatusCode == HttpStatusCode.PartialContent && _shouldCut())
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = response.Content.Headers.ToList();
            response.Content = new StreamContent(new CutStream(body.AsMemory(0, body.Length / 2).ToArray()));
            foreach (var (name, values) in headers)
            {
                response.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return response;
    }

    private sealed class CutStream(byte[] half) : MemoryStream(half)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            return n > 0 ? n : throw new IOException("connection reset by peer (injected)");
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = base.Read(buffer.Span);
            return n > 0 ? ValueTask.FromResult(n) : ValueTask.FromException<int>(new IOException("connection reset by peer (injected)"));
        }
    }
}
