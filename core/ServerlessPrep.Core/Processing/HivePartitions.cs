namespace ServerlessPrep.Core.Processing;

/// <summary>Hive-style <c>k=v</c> path segments of a key (e.g. <c>sales/date=2024-01-01/region=eu/part-0.parquet</c>).</summary>
public static class HivePartitions
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new List<KeyValuePair<string, string>>();
        var segments = key.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var eq = segments[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result.Add(new(segments[i][..eq], Uri.UnescapeDataString(segments[i][(eq + 1)..])));
            }
        }

        return result;
    }

    /// <summary>The partition path (<c>date=2024-01-01/region=eu</c>), or empty when the key has none.</summary>
    public static string PartitionPath(string key) => string.Join('/', Parse(key).Select(p => $"{p.Key}={p.Value}"));
}
