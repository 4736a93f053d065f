using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>The real web app (Kestrel on a free port) with a test processor behind it and its logs captured.</summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, int port, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<InProcessHost> StartAsync(IObjectProcessor processor, LakeScope lake)
    {
        var port = Ports.Free();
        var logs = new CapturingLoggerProvider();
        var app = GcpApp.Build([], port, services =>
        {
            services.AddSingleton(processor);
            services.AddSingleton(lake);
            services.AddSingleton<ILoggerProvider>(logs);
        });
        await app.StartAsync();
        return new InProcessHost(app, port, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
