using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessPrep.Azure.Storage;

namespace ServerlessPrep.Azure.Tests.Support;

/// <summary>
/// Starts azurite 3.35.0 (tests/emulators, installed with <c>npm ci</c>) in memory on free 127.0.0.1 ports and
/// kills it by PID at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // The well-known development storage account key (public, emulator only).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _process;

    public string ConnectionString { get; private set; } = string.Empty;

    public BlobServiceClient Blobs { get; private set; } = null!;

    public TableServiceClient Tables { get; private set; } = null!;

    /// <summary>Queue clients send and receive Base64 messages, as the Functions queue trigger expects.</summary>
    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "emulators", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"azurite is not installed: run `npm ci` in {Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(script)))))}.");
        }

        var (blobPort, queuePort, tablePort) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[]
        {
            script, "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) => _output.Enqueue(e.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, e) => _output.Enqueue(e.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync(blobPort);
        await WaitForPortAsync(tablePort);
        await WaitForPortAsync(queuePort);

        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;"
            + $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";
        Blobs = new BlobServiceClient(ConnectionString);
        Tables = new TableServiceClient(ConnectionString);
        Queues = new QueueServiceClient(ConnectionString, StorageQueueWorkQueue.ClientOptions());
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = Blobs.GetBlobContainerClient("c" + Guid.NewGuid().ToString("N")[..20]);
        await container.CreateAsync();
        return container;
    }

    public async Task<TableClient> NewTableAsync()
    {
        var table = Tables.GetTableClient("t" + Guid.NewGuid().ToString("N")[..20]);
        await table.CreateAsync();
        return table;
    }

    public async Task<QueueClient> NewQueueAsync()
    {
        var queue = Queues.GetQueueClient("q" + Guid.NewGuid().ToString("N")[..20]);
        await queue.CreateAsync();
        return queue;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync(int port)
    {
        // Generous: the machine's two cores are shared with parallel test classes (and other builds).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"azurite exited with code {_process.ExitCode}: {string.Join(Environment.NewLine, _output)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"azurite did not listen on 127.0.0.1:{port} within 60 s: {string.Join(Environment.NewLine, _output)}");
    }
}
