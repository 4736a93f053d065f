namespace ServerlessPrep.Core.Lakehouse;

/// <summary>What hosts and the CLI need to know about Delta table keys without processing them (ordering a listing, dry runs).</summary>
public static class DeltaTableKeys
{
    /// <summary>The reason a data file under a Delta table is skipped when it arrives on its own.</summary>
    public const string DataFileSkipReason = LakehouseRouter.DeltaDataFileReason;

    /// <summary>Whether <paramref name="key"/> is a commit (<c>&lt;table&gt;/_delta_log/NNNNNNNNNNNNNNNNNNNN.json</c>), and of which table and version.</summary>
    public static bool TryParseCommit(string key, out string tableRoot, out long version)
    {
        ArgumentNullException.ThrowIfNull(key);
        var log = DeltaLogKey.Parse(key);
        tableRoot = log?.TableRoot ?? string.Empty;
        version = log?.CommitVersion ?? -1;
        return log?.CommitVersion is not null;
    }

    /// <summary>Whether <paramref name="key"/> is inside a <c>_delta_log/</c> folder, and the table root it belongs to.</summary>
    public static bool IsLogKey(string key, out string tableRoot)
    {
        ArgumentNullException.ThrowIfNull(key);
        var log = DeltaLogKey.Parse(key);
        tableRoot = log?.TableRoot ?? string.Empty;
        return log is not null;
    }
}
