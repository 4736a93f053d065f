using System.Globalization;

namespace ServerlessPrep.Core.Lakehouse;

/// <summary>
/// An object key inside a Delta table's <c>_delta_log/</c> folder: which table it belongs to and what kind of log file it is.
/// Commits are <c>NNNNNNNNNNNNNNNNNNNN.json</c> (version zero-padded to 20 digits); everything else there (checkpoints,
/// <c>_last_checkpoint</c>, <c>.crc</c>, compactions, staged commits) is read when needed, never processed as data.
/// </summary>
internal sealed record DeltaLogKey(string TableRoot, string FileName, long? CommitVersion)
{
    public const string LogFolder = "_delta_log";

    public static DeltaLogKey? Parse(string key)
    {
        const string Segment = "/" + LogFolder + "/";
        string root;
        string file;
        if (key.StartsWith(LogFolder + "/", StringComparison.Ordinal))
        {
            root = string.Empty;
            file = key[(LogFolder.Length + 1)..];
        }
        else
        {
            var at = key.IndexOf(Segment, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            root = key[..at];
            file = key[(at + Segment.Length)..];
        }

        return new DeltaLogKey(root, file, TryParseCommit(file, out var version) ? version : null);
    }

    /// <summary>The log folder's key prefix of a table root ("" is the store root).</summary>
    public static string LogPrefix(string tableRoot) => tableRoot.Length == 0 ? LogFolder + "/" : $"{tableRoot}/{LogFolder}/";

    public static string CommitKey(string tableRoot, long version) => LogPrefix(tableRoot) + CommitFileName(version);

    public static string CommitFileName(long version) => version.ToString("D20", CultureInfo.InvariantCulture) + ".json";

    public static bool TryParseCommit(string fileName, out long version)
    {
        version = -1;
        return fileName.Length == 25 && fileName.EndsWith(".json", StringComparison.Ordinal) && fileName[..20].All(char.IsAsciiDigit)
            && long.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>A checkpoint file name: <c>v.checkpoint.parquet</c> (classic) or <c>v.checkpoint.o.p.parquet</c> (part o of p).</summary>
    public static bool TryParseCheckpoint(string fileName, out long version, out int part, out int parts)
    {
        version = -1;
        part = 1;
        parts = 1;
        var pieces = fileName.Split('.');
        if (pieces.Length < 3 || pieces[1] != "checkpoint" || pieces[^1] != "parquet" || pieces[0].Length != 20
            || !long.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return false;
        }

        if (pieces.Length == 3)
        {
            return true;
        }

        return pieces.Length == 5 && pieces[2].Length == 10 && pieces[3].Length == 10
            && int.TryParse(pieces[2], NumberStyles.None, CultureInfo.InvariantCulture, out part)
            && int.TryParse(pieces[3], NumberStyles.None, CultureInfo.InvariantCulture, out parts)
            && part >= 1 && part <= parts;
    }

    /// <summary>The object key of a file an <c>add</c>/<c>remove</c> names: URL-decoded, relative to the table root; null when it points elsewhere.</summary>
    public static string? DataKey(string tableRoot, string actionPath, out string? problem)
    {
        problem = null;
        string relative;
        try
        {
            relative = Uri.UnescapeDataString(actionPath);
        }
        catch (UriFormatException e)
        {
            problem = $"path '{actionPath}' is not a valid URL-encoded path: {e.Message}";
            return null;
        }

        if (relative.Contains("://", StringComparison.Ordinal) || relative.StartsWith('/'))
        {
            problem = $"path '{actionPath}' is absolute (shallow clone or external file); only files inside the table folder are processed";
            return null;
        }

        if (relative.Split('/').Any(s => s is "" or "." or ".."))
        {
            problem = $"path '{actionPath}' leaves the table folder or has empty segments";
            return null;
        }

        return tableRoot.Length == 0 ? relative : $"{tableRoot}/{relative}";
    }
}
