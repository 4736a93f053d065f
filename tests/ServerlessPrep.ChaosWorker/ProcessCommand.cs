using System.Text.Json;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Local;

namespace ServerlessPrep.ChaosWorker;

/// <summary>
/// <c>process WORKSPACE EVENTS OUTCOMES KILL_POINT NTH LEASE_MS MAX_ATTEMPTS</c>: processes the deliveries in EVENTS one by one
/// with the real processor over WORKSPACE/lake, WORKSPACE/out and WORKSPACE/kv.db, appending each outcome to OUTCOMES.
/// Kills itself at the NTH operation of KILL_POINT ("none": never).
/// </summary>
internal static class ProcessCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var workspace = args[1];
        var kill = args[4] == "none" ? KillSwitch.None : new KillSwitch(args[4], int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture), args[3] + ".killed");
        var options = new ProcessorOptions
        {
            TempDirectory = Path.Combine(workspace, "tmp"),
            ClaimLease = TimeSpan.FromMilliseconds(int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture)),
            MaxAttempts = int.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture),
            TransientRetryDelay = TimeSpan.FromMilliseconds(5),
        };
        var specs = SpecParser.Parse(await File.ReadAllTextAsync(Path.Combine(workspace, "spec.yaml")), "spec.yaml");
        using var sqlite = new SqliteKeyValueStore(Path.Combine(workspace, "kv.db"), TimeProvider.System, TimeSpan.FromSeconds(60));
        var processor = new Processor(
            new KillingObjectStore(new FileSystemObjectStore(Path.Combine(workspace, "lake")), kill),
            new KillingObjectStore(new FileSystemObjectStore(Path.Combine(workspace, "out")), kill),
            new KillingKeyValueStore<SqliteKeyValueStore>(sqlite, kill),
            specs,
            options,
            TimeProvider.System);

        await using var outcomes = new StreamWriter(new FileStream(args[3], FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        foreach (var line in await File.ReadAllLinesAsync(args[2]))
        {
            var e = JsonSerializer.Deserialize<WorkerEvent>(line, Json.Options)!;
            var created = new ObjectCreated("lake", e.Key, e.Size, null, e.Version, e.Sequencer, e.EventTime, "chaos");
            WorkerOutcome outcome;
            try
            {
                var result = await processor.ProcessAsync(created);
                outcome = new WorkerOutcome(e.Delivery, result.Status.ToString(), result.Reason);
            }
            catch (Exception ex) when (TransientFaults.IsTransient(ex))
            {
                outcome = new WorkerOutcome(e.Delivery, "Thrown", ex.Message);
            }

            await outcomes.WriteLineAsync(JsonSerializer.Serialize(outcome, Json.Options));
        }

        return 0;
    }
}
