using System.Globalization;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Local;

namespace ServerlessPrep.ChaosWorker;

/// <summary>
/// <c>counter DB INCREMENTS</c>: adds one to a shared counter INCREMENTS times with read + compare-and-swap, retrying lost races,
/// so that several processes doing it at once show whether SQLite's locking loses or doubles an update across processes.
/// Prints the number of lost races.
/// </summary>
internal static class CounterCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var kv = new SqliteKeyValueStore(args[1], TimeProvider.System, TimeSpan.FromSeconds(60));
        var increments = int.Parse(args[2], CultureInfo.InvariantCulture);
        var lostRaces = 0;
        for (var i = 0; i < increments; i++)
        {
            while (true)
            {
                var item = await kv.GetAsync("counter", "value");
                var next = (item is null ? 0 : long.Parse(item.ValueAsString, CultureInfo.InvariantCulture)) + 1;
                var condition = item is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(item.VersionToken!);
                if (await kv.PutAsync(KvItem.FromString("counter", "value", next.ToString(CultureInfo.InvariantCulture)), condition) is not null)
                {
                    break;
                }

                lostRaces++;
            }
        }

        Console.WriteLine(lostRaces.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
