using ServerlessPrep.Core.Events;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>
/// The generated objects of a chaos run: some corrupt, some written twice (two versions with sequencers 1 and 2; the lake
/// holds the second), and the at-least-once event stream for them: duplicated, shuffled, older versions after newer ones.
/// </summary>
internal sealed class ChaosLake
{
    private readonly Dictionary<int, byte[]> _content = [];

    private ChaosLake(int seed)
    {
        Seed = seed;
    }

    public int Seed { get; }

    public List<int> Indexes { get; } = [];

    public HashSet<int> Corrupt { get; } = [];

    /// <summary>Index → number of versions (1 or 2); the last one is in the lake.</summary>
    public Dictionary<int, int> Versions { get; } = [];

    public static async Task<ChaosLake> GenerateAsync(int objects, int seed, double corruptRate = 0.05)
    {
        var lake = new ChaosLake(seed);
        var random = new Random(seed);
        for (var i = 0; i < objects; i++)
        {
            var key = LakeData.Key(i);
            var versions = random.NextDouble() < 0.15 ? 2 : 1;
            var content = await LakeData.ContentAsync(key, i, versions);
            if (random.NextDouble() < corruptRate)
            {
                lake.Corrupt.Add(i);
                content = key.EndsWith(".csv", StringComparison.Ordinal) ? [] : content[..(content.Length / 2)];
            }

            lake.Indexes.Add(i);
            lake.Versions[i] = versions;
            lake._content[i] = content;
        }

        return lake;
    }

    public static string Sequencer(int version) => version.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    public async Task WriteToAsync(Workspace workspace)
    {
        foreach (var i in Indexes)
        {
            await workspace.PutAsync(LakeData.Key(i), _content[i]);
        }
    }

    public ObjectCreated Event(int index, int version)
    {
        var bytes = _content[index];
        return new ObjectCreated("lake", LakeData.Key(index), bytes.Length, null, $"v{version}", Sequencer(version), new DateTimeOffset(2024, 6, 1, 0, 0, version, TimeSpan.Zero), "chaos");
    }

    /// <summary>Latest version of each object, in key order: what a clean sequential run sees.</summary>
    public List<ChaosEvent> LatestEvents() => Indexes.Select(i => new ChaosEvent(i, Event(i, Versions[i]))).ToList();

    /// <summary>Every version, 20 % duplicated, shuffled; for half of the two-version keys the old version comes last.</summary>
    public List<ChaosEvent> AtLeastOnceEvents(double duplicateRate = 0.2)
    {
        var random = new Random(Seed + 1);
        var events = Indexes.SelectMany(i => Enumerable.Range(1, Versions[i]).Select(v => new ChaosEvent(i, Event(i, v)))).ToList();
        var duplicates = events.Where(_ => random.NextDouble() < duplicateRate).ToList();
        events.AddRange(duplicates);
        var shuffled = events.OrderBy(_ => random.Next()).ToList();
        foreach (var i in Indexes.Where(i => Versions[i] == 2 && random.Next(2) == 0))
        {
            var old = shuffled.FindLastIndex(e => e.Index == i && e.Created.Version == "v1");
            var newest = shuffled.FindLastIndex(e => e.Index == i && e.Created.Version == "v2");
            if (old < newest)
            {
                (shuffled[old], shuffled[newest]) = (shuffled[newest], shuffled[old]);
            }
        }

        return shuffled;
    }
}
