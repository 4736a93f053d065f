using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>
/// The host as a real process: the Native AOT binary from <see cref="AotBootstrap"/>, or <c>dotnet bootstrap.dll</c>
/// (the JIT build next to the tests) when that is <see cref="AotBootstrap.JitValue"/>.
/// </summary>
internal sealed class BootstrapProcess : IDisposable
{
    private readonly Process _process;

    public BootstrapProcess(string binary, IReadOnlyDictionary<string, string?> environment)
    {
        var start = binary == AotBootstrap.JitValue
            ? new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "bootstrap.dll")}\"")
            : new ProcessStartInfo(binary);
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
