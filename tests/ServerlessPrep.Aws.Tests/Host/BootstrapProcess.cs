using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>
/// The host as a real process: the Native AOT binary when SERVERLESSPREP_AWS_BOOTSTRAP points at one
/// (CI: after <c>dotnet publish functions/ServerlessPrep.Aws -c Release -r linux-x64</c>), else <c>dotnet bootstrap.dll</c>.
/// </summary>
internal sealed class BootstrapProcess : IDisposable
{
    private readonly Process _process;

    public BootstrapProcess(IReadOnlyDictionary<string, string?> environment)
    {
        var aot = Environment.GetEnvironmentVariable("SERVERLESSPREP_AWS_BOOTSTRAP");
        var start = string.IsNullOrEmpty(aot)
            ? new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "bootstrap.dll")}\"")
            : new ProcessStartInfo(aot);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("SERVERLESSPREP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        StartedAt = DateTimeOffset.UtcNow;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public DateTimeOffset StartedAt { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
        }
    }
}
