using System.Diagnostics;
using System.Globalization;
using ServerlessPrep.Local;
using ServerlessPrep.Reliability.Tests.Chaos;
using ServerlessPrep.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServerlessPrep.Reliability.Tests.Concurrency;

/// <summary>
/// The local key-value store is shared by separate worker processes (CLI runs, the SIGKILL chaos workers): its compare-and-swap
/// must neither lose nor double an update across processes (WAL, busy timeout, one statement per conditional write).
/// </summary>
public sealed class SqliteAcrossProcessesTests(ITestOutputHelper output) : IDisposable
{
    private const int Processes = 3;
    private const int Increments = 150;
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task PutAsync_CompareAndSwapIncrementsFromThreeProcesses_NoUpdateLostOrDoubled()
    {
        Assert.True(File.Exists(WorkerProcess.WorkerDll), $"build the worker first: {WorkerProcess.WorkerDll}");

        var results = await Task.WhenAll(Enumerable.Range(0, Processes).Select(_ => RunCounterAsync()));

        using var kv = new SqliteKeyValueStore(_workspace.KvPath);
        var value = (await kv.GetAsync("counter", "value"))!.ValueAsString;
        output.WriteLine($"{Processes} processes × {Increments} increments; lost compare-and-swap races retried: {results.Sum()}");
        Assert.Equal((Processes * Increments).ToString(CultureInfo.InvariantCulture), value);
    }

    private async Task<int> RunCounterAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { WorkerProcess.WorkerDll, "counter", _workspace.KvPath, Increments.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"counter worker failed ({process.ExitCode}): {await stderr}");
        return int.Parse((await stdout).Trim(), CultureInfo.InvariantCulture);
    }
}
