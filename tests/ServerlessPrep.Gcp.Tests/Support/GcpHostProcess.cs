using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>The GCP host as Cloud Run runs it: a separate process listening on $PORT, configured by environment variables.</summary>
internal sealed class GcpHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GcpHostProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<GcpHostProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ServerlessPrep.Gcp.dll"));
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new GcpHostProcess(process, port);
        process.OutputDataReceived += (_, e) => host.Output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => host.Output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Ports.WaitUntilListeningAsync(port, () => !process.HasExited, TimeSpan.FromSeconds(30));
        }
        catch (Exception ex)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException("GCP host did not start: " + string.Join(Environment.NewLine, host.Output), ex);
        }

        return host;
    }

    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        if (_process.WaitForExit(5000))
        {
            _process.WaitForExit(); // and until the redirected output has been read to the end
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
