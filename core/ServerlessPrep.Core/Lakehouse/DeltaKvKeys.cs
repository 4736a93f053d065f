using System.Globalization;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// Key-value layout of Delta tables, one partition per table: <c>pk = delta#&lt;table root&gt;</c> with <c>sk = state</c> (applied version,
/// lease), <c>commit#&lt;version&gt;</c> (what a commit did) and <c>file#&lt;object key&gt;</c> (one data file: added, processed, removed).
/// </summary>
internal static class DeltaKvKeys
{
    public const string State = "state";

    public const string FilePrefix = "file#";

    public static string Table(string tableRoot) => $"delta#{tableRoot}";

    public static string Commit(long version) => "commit#" + version.ToString("D20", CultureInfo.InvariantCulture);

    public static string File(string key) => FilePrefix + key;
}
