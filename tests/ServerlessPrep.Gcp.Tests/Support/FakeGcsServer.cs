using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary><see cref="FakeGcs"/> served over HTTP on 127.0.0.1, for the host process (<c>STORAGE_EMULATOR_HOST</c>).</summary>
internal sealed class FakeGcsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGcsServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public FakeGcs Gcs { get; } = new();

    public int Port { get; }

    public static async Task<FakeGcsServer> StartAsync()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new FakeGcsServer(app, port);
        app.Run(context => ForwardAsync(context, server.Gcs));
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ForwardAsync(HttpContext context, FakeGcs gcs)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var uri = new Uri($"http://{context.Request.Host}{context.Request.Path.ToUriComponent()}{context.Request.QueryString}");
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), uri) { Content = new ByteArrayContent(body.ToArray()) };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var invoker = new HttpMessageInvoker(gcs, disposeHandler: false);
        using var response = await invoker.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (response.Content is not null)
        {
            await response.Content.CopyToAsync(context.Response.Body);
        }
    }
}
