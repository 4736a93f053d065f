using System.Globalization;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>Where lakehouse records go under the output root.</summary>
internal static class LakehouseLayout
{
    /// <summary>What applying commit <paramref name="version"/> of a table did (adds and how they ended, removes and the outputs they leave).</summary>
    public static string CommitRecord(string tableRoot, long version)
        => $"_lakehouse/delta/{Table(tableRoot)}/{version.ToString("D20", CultureInfo.InvariantCulture)}.json";

    /// <summary>The notice of a commit that could not be applied (unreadable log), like an object's <c>.error.json</c>.</summary>
    public static string CommitQuarantine(string tableRoot, long version)
        => $"_quarantine/_lakehouse/delta/{Table(tableRoot)}/{version.ToString("D20", CultureInfo.InvariantCulture)}.error.json";

    private static string Table(string tableRoot) => tableRoot.Length == 0 ? "_root" : tableRoot;
}
