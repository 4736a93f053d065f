using System.Collections.Immutable;

namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Profiling;

/// <summary>Fitting and lookup of a top-k vocabulary (one-hot, ordinal).</summary>
internal static class Vocabulary
{
    /// <summary>The k most frequent non-null values, most frequent first, ties in ordinal order (deterministic whatever the sketch's tie order).</summary>
    public static ImmutableArray<string> Fit(IColumnStatistics? stats, int k)
    {
        if (stats is null || k <= 0)
        {
            return [];
        }

        var top = stats.TopValues(k).ToArray();
        Array.Sort(top, static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        var builder = ImmutableArray.CreateBuilder<string>(top.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in top)
        {
            if (item.Value is not null && seen.Add(item.Value))
            {
                builder.Add(item.Value);
            }
        }

        return builder.ToImmutable();
    }

    public static Dictionary<string, int> Index(ImmutableArray<string> vocabulary)
    {
        var index = new Dictionary<string, int>(vocabulary.Length, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++)
        {
            index.TryAdd(vocabulary[i], i);
        }

        return index;
    }
}
