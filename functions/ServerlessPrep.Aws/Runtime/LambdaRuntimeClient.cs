using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ServerlessPrep.Aws.Runtime;

/// <summary>Client of the Lambda Runtime API 2018-06-01 (next, response, error, init error), as documented for custom runtimes.</summary>
internal sealed class LambdaRuntimeClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public LambdaRuntimeClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),

            // The documentation asks for no timeout on /next: the environment may be frozen between events.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<LambdaInvocation> GetNextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", cancellationToken);
        response.EnsureSuccessStatusCode();
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("Runtime API returned an invocation without Lambda-Runtime-Aws-Request-Id.");
        DateTimeOffset? deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new LambdaInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn"), Header(response, "Lambda-Runtime-Trace-Id"), payload);
    }

    public Task PostResponseAsync(string requestId, byte[] body, CancellationToken cancellationToken)
        => PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", body, null, cancellationToken);

    public Task PostErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
        => PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", Serialize(error), error.ErrorType, cancellationToken);

    public Task PostInitErrorAsync(LambdaError error, CancellationToken cancellationToken)
        => PostAsync("runtime/init/error", Serialize(error), error.ErrorType, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static byte[] Serialize(LambdaError error) => JsonSerializer.SerializeToUtf8Bytes(error, HostJsonContext.Default.LambdaError);

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private async Task PostAsync(string path, byte[] body, string? errorType, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken);

        // 413 (payload too large) or 400 for a stale id must not kill the loop; log and move on.
        if (!response.IsSuccessStatusCode)
        {
            HostLog.Error($"Runtime API answered {(int)response.StatusCode} to POST {path}.");
        }
    }
}
