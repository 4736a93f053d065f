using System.Globalization;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>
/// How one worker process is to die: by its own hand at the <see cref="Nth"/> operation of <see cref="Point"/> (names as in
/// tests/ServerlessPrep.ChaosWorker/KillPoint.cs), and/or by the harness after <see cref="HarnessKillAfter"/> of wall-clock time.
/// </summary>
internal sealed record KillPlan(string? Point, int Nth, TimeSpan? HarnessKillAfter)
{
    /// <summary>Kill points and the largest N drawn for a chunk of events (about how often each point is passed per chunk).</summary>
    private static readonly (string Point, int MaxNth)[] Points =
    [
        ("read", 80),
        ("after-output-write", 50),
        ("before-manifest", 8),
        ("after-manifest", 8),
        ("before-claim-write", 20),
        ("after-claim-finish", 8),
        ("online-feature-write", 8),
    ];

    public static IEnumerable<string> PointNames => Points.Select(p => p.Point);

    public static KillPlan Draw(Random random, double selfKillRate, double harnessKillRate)
    {
        string? point = null;
        var nth = 0;
        if (random.NextDouble() < selfKillRate)
        {
            var (name, max) = Points[random.Next(Points.Length)];
            point = name;
            nth = 1 + random.Next(max);
        }

        TimeSpan? harness = random.NextDouble() < harnessKillRate ? TimeSpan.FromMilliseconds(1000 + random.Next(3000)) : null;
        return new KillPlan(point, nth, harness);
    }

    public string[] Arguments => [Point ?? "none", Nth.ToString(CultureInfo.InvariantCulture)];
}
