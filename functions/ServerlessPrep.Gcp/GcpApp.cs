using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessPrep.Gcp;

/// <summary>The web app: one POST / endpoint on the Cloud Run port. Services (processor, lake scope) come from the caller.</summary>
internal static class GcpApp
{
    public static WebApplication Build(string[] args, int port, Action<IServiceCollection> addServices)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
        addServices(builder.Services);
        builder.Services.AddSingleton<CloudEventEndpoint>();
        var app = builder.Build();
        app.MapPost("/", (HttpRequest request, CloudEventEndpoint endpoint, CancellationToken cancellationToken) => endpoint.HandleAsync(request, cancellationToken));
        return app;
    }
}
