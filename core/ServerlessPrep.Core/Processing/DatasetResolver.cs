using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Matches an object key to a dataset: the first spec whose globs match, else one dataset per top folder.
/// Keys that are not data (hidden files, <c>_</c>-prefixed folders such as <c>_delta_log</c>, Spark markers) match nothing.
/// </summary>
public sealed class DatasetResolver
{
    private static readonly string[] DataExtensions = [".parquet", ".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".txt"];
    private readonly List<(DatasetSpec Spec, KeyGlob[] Globs)> _specs;

    public DatasetResolver(SpecSet specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        _specs = specs.Datasets.Select(d => (d, d.Match.Select(g => new KeyGlob(g)).ToArray())).ToList();
    }

    /// <summary>Returns the match, or null with the reason the key is not processed.</summary>
    public DatasetMatch? Resolve(string key, out string? skipReason)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Unsafe(key) is { } invalidKey)
        {
            skipReason = $"not a safe object key: {invalidKey}";
            return null;
        }

        var segments = key.Split('/');
        var file = segments[^1];
        if (segments.Any(s => s.StartsWith('.') || (s.StartsWith('_') && !s.Contains('='))))
        {
            skipReason = "not a data file: hidden or '_'-prefixed path (metadata, markers, our own outputs)";
            return null;
        }

        if (!DataExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && file.Contains('.', StringComparison.Ordinal))
        {
            skipReason = $"not a data file: extension of '{file}' is not one of {string.Join(", ", DataExtensions)}";
            return null;
        }

        foreach (var (spec, globs) in _specs)
        {
            if (globs.Any(g => g.IsMatch(key)))
            {
                skipReason = null;
                var prefix = spec.Name + "/";
                return Checked(new DatasetMatch(spec.Name, spec, key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : key), out skipReason);
            }
        }

        if (segments.Length < 2)
        {
            skipReason = "no dataset spec matches this key, and it is not inside a folder that could name a dataset";
            return null;
        }

        return Checked(new DatasetMatch(segments[0], null, string.Join('/', segments[1..])), out skipReason);
    }

    /// <summary>A dataset name (from a spec) or key that cannot name every output inside the output root is not processed.</summary>
    private static DatasetMatch? Checked(DatasetMatch match, out string? skipReason)
    {
        string[] outputs =
        [
            OutputLayout.Features(match),
            OutputLayout.Profile(match),
            OutputLayout.Manifest(match),
            OutputLayout.QuarantinedRows(match),
            OutputLayout.QuarantineError(match),
            OutputLayout.Lineage(match, Guid.Empty.ToString(), "COMPLETE"),
        ];
        foreach (var output in outputs)
        {
            if (Unsafe(output) is { } problem)
            {
                skipReason = $"dataset '{match.Dataset}' cannot name a safe output for this key: {problem}";
                return null;
            }
        }

        skipReason = null;
        return match;
    }

    private static string? Unsafe(string key)
    {
        if (SafeKey.IsValid(key))
        {
            return null;
        }

        try
        {
            SafeKey.Validate(key);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
