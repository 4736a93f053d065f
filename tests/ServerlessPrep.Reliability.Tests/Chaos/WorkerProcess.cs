using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>One run of tests/ServerlessPrep.ChaosWorker over a chunk of deliveries: started, maybe killed, then read back.</summary>
internal sealed class WorkerProcess
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;
    private readonly string _outcomesFile;
    private int _killedByHarness;

    private WorkerProcess(Process process, string outcomesFile, IReadOnlyList<(int Delivery, ChaosEvent Event)> chunk, KillPlan plan)
    {
        _process = process;
        _outcomesFile = outcomesFile;
        Chunk = chunk;
        Plan = plan;
        Exited = process.WaitForExitAsync();
    }

    public IReadOnlyList<(int Delivery, ChaosEvent Event)> Chunk { get; }

    public KillPlan Plan { get; }

    public Task Exited { get; }

    public bool KilledByHarness => _killedByHarness == 1;

    public static string WorkerDll
    {
        get
        {
            // <tests>/ServerlessPrep.Reliability.Tests/bin/<configuration>/<tfm>/ → <tests>/ServerlessPrep.ChaosWorker/bin/<configuration>/<tfm>/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tests = output.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(tests, "ServerlessPrep.ChaosWorker", "bin", output.Parent.Name, output.Name, "ServerlessPrep.ChaosWorker.dll");
        }
    }

    public static WorkerProcess Start(string workspaceRoot, string harnessFolder, int number, IReadOnlyList<(int Delivery, ChaosEvent Event)> chunk, KillPlan plan, TimeSpan lease, int maxAttempts)
    {
        var events = Path.Combine(harnessFolder, $"w{number:D4}.events.jsonl");
        var outcomes = Path.Combine(harnessFolder, $"w{number:D4}.outcomes.jsonl");
        File.WriteAllLines(events, chunk.Select(d => JsonSerializer.Serialize(
            new { delivery = d.Delivery, key = d.Event.Created.Key, size = d.Event.Created.Size, version = d.Event.Created.Version, sequencer = d.Event.Created.Sequencer, eventTime = d.Event.Created.EventTime },
            Json)));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WorkerDll, "process", workspaceRoot, events, outcomes, plan.Arguments[0], plan.Arguments[1], ((int)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), maxAttempts.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var worker = new WorkerProcess(process, outcomes, chunk, plan);
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        if (plan.HarnessKillAfter is { } after)
        {
            _ = Task.Delay(after).ContinueWith(_ => worker.KillFromOutside(), TaskScheduler.Default);
        }

        return worker;
    }

    /// <summary>After exit: 0 (done), 137 (SIGKILL), anything else is a crash the test reports with the worker's stderr.</summary>
    public async Task<(int ExitCode, string StandardError)> ResultAsync()
    {
        await Exited;
        return (_process.ExitCode, await _process.StandardError.ReadToEndAsync());
    }

    /// <summary>The kill point the worker reached (it writes a marker just before killing itself), or null.</summary>
    public string? SelfKillPoint => File.Exists(_outcomesFile + ".killed") ? File.ReadAllText(_outcomesFile + ".killed") : null;

    /// <summary>Outcomes the worker reported before it ended, by delivery.</summary>
    public Dictionary<int, (string Status, string? Reason)> Outcomes()
    {
        var result = new Dictionary<int, (string, string?)>();
        if (!File.Exists(_outcomesFile))
        {
            return result;
        }

        foreach (var line in File.ReadLines(_outcomesFile).Where(l => l.Length > 0))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                result[root.GetProperty("delivery").GetInt32()] = (root.GetProperty("status").GetString()!, root.GetProperty("reason").GetString());
            }
            catch (JsonException)
            {
                // A line cut short by a kill: the delivery was not reported and will be redelivered.
            }
        }

        return result;
    }

    public void KillFromOutside()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(); // SIGKILL on Unix
                Interlocked.Exchange(ref _killedByHarness, 1);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
    }
}
