using Google.Cloud.Storage.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Gcp.Storage;

namespace ServerlessPrep.Gcp;

/// <summary>Cloud Run entry point: configuration from the environment, GCS adapters wired into the core processor.</summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var settings = GcpHostSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        var app = GcpApp.Build(args, settings.Port, services => AddServerlessPrep(services, settings));
        app.Run();
    }

    internal static void AddServerlessPrep(IServiceCollection services, GcpHostSettings settings)
    {
        // STORAGE_EMULATOR_HOST, when set, selects an emulator endpoint without credentials; otherwise Application Default Credentials.
        var client = new StorageClientBuilder { EmulatorDetection = Google.Api.Gax.EmulatorDetection.EmulatorOrProduction }.Build();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(settings.Lake);
        var parts = settings.PartTopic is { } topic
            ? new QueuePartDispatcher(PubSubEndpoint.Open(new HttpClient(), topic, settings.Lake, Environment.GetEnvironmentVariable))
            : null;
        services.AddSingleton<IObjectProcessor>(sp => new Processor(
            new GcsObjectStore(client, settings.Lake.Bucket, settings.Lake.Prefix),
            new GcsObjectStore(client, settings.OutputBucket, settings.OutputPrefix),
            new GcsKeyValueStore(client, settings.KvBucket, settings.KvPrefix, sp.GetRequiredService<TimeProvider>()),
            settings.Specs,
            new ProcessorOptions { TempDirectory = settings.TempDirectory },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Processor>>(),
            parts));
    }
}
