using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Azure;

/// <summary>The isolated worker: reads the configuration once, wires the Blob and Table adapters into the core processor.</summary>
internal static class Program
{
    public static void Main()
    {
        var settings = AzureHostSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        var host = new HostBuilder()
            .ConfigureFunctionsWorkerDefaults()
            .ConfigureServices(services => AddServerlessPrep(services, settings, Environment.GetEnvironmentVariable))
            .Build();
        host.Run();
    }

    internal static void AddServerlessPrep(IServiceCollection services, AzureHostSettings settings, Func<string, string?> getVariable)
    {
        var clients = AzureClients.Create(settings.ConnectionName, getVariable);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new LakeScope(settings.LakeContainer, settings.LakePrefix));
        var lake = clients.Blobs.GetBlobContainerClient(settings.LakeContainer);

        // Large objects: parts go to the backfill queue (each part is one queue-triggered invocation), else run in the invocation.
        var parts = PartQueue.TryCreate(getVariable) is { } queue ? new QueuePartDispatcher(new StorageQueueWorkQueue(queue, lake, settings.LakePrefix)) : null;
        services.AddSingleton<IObjectProcessor>(sp => new Processor(
            new BlobObjectStore(lake, settings.LakePrefix),
            new BlobObjectStore(clients.Blobs.GetBlobContainerClient(settings.OutputContainer), settings.OutputPrefix),
            new TableKeyValueStore(clients.Tables.GetTableClient(settings.Table), sp.GetRequiredService<TimeProvider>()),
            settings.Specs,
            new ProcessorOptions { TempDirectory = settings.TempDirectory },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Processor>>(),
            parts));
    }
}
