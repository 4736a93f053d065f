namespace ServerlessPrep.Cli.Running;

/// <summary>
/// Works out the lake root and the prefix to process from a path given on the command line. Dataset names come from the first
/// folder under the root, so <c>process ./lake/sales</c> must treat <c>./lake</c> as the root, and <c>process ./lake</c> the lake itself.
/// </summary>
internal sealed record LakeLayout(string Root, string Prefix)
{
    private static readonly string[] DataExtensions = [".parquet", ".csv", ".tsv", ".jsonl", ".ndjson", ".json"];

    public static LakeLayout FromPath(string path, string? explicitRoot)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new CliUsageException($"'{path}' does not exist.");
        }

        var root = explicitRoot is not null ? Path.GetFullPath(explicitRoot) : GuessRoot(full);
        var relative = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
        if (relative.StartsWith("..", StringComparison.Ordinal))
        {
            throw new CliUsageException($"'{path}' is not inside the lake root '{root}'.");
        }

        var prefix = relative == "." ? string.Empty : relative;
        if (Directory.Exists(full) && prefix.Length > 0)
        {
            prefix += "/";
        }

        return new LakeLayout(root, prefix);
    }

    private static string GuessRoot(string full)
    {
        var dir = File.Exists(full) ? Path.GetDirectoryName(full)! : full;
        if (File.Exists(full) || LooksLikeDatasetFolder(dir))
        {
            // Climb past Hive partition folders (k=v) to the dataset folder; its parent is the root.
            while (Path.GetFileName(dir).Contains('=', StringComparison.Ordinal) && Path.GetDirectoryName(dir) is { } up)
            {
                dir = up;
            }

            return Path.GetDirectoryName(dir) ?? dir;
        }

        return dir;
    }

    private static bool LooksLikeDatasetFolder(string dir)
        => Path.GetFileName(dir).Contains('=', StringComparison.Ordinal)
           || Directory.EnumerateFiles(dir).Any(f => DataExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
           || Directory.EnumerateDirectories(dir).Any(d => Path.GetFileName(d).Contains('=', StringComparison.Ordinal));
}
