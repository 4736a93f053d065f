using System.Collections.Concurrent;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>Counts requests by method and bucket/key path, so tests can assert how much a reader fetched.</summary>
public sealed class RequestCountingHandler : DelegatingHandler
{
    private readonly Counters _counters;

    internal RequestCountingHandler(Counters counters, HttpMessageHandler inner)
        : base(inner) => _counters = counters;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _counters.Record(request.Method.Method, request.RequestUri!.AbsolutePath);
        return base.SendAsync(request, cancellationToken);
    }

    public sealed class Counters
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();

        public int Get(string method, string path) => _counts.GetValueOrDefault($"{method} {path}");

        internal void Record(string method, string path) => _counts.AddOrUpdate($"{method} {path}", 1, (_, n) => n + 1);
    }
}
