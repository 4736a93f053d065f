using System.CommandLine;
using ServerlessPrep.Cli.Commands;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Local;

namespace ServerlessPrep.Cli.Running;

/// <summary>
/// Merges the per-object profiles stored in the key-value store into the dataset profile, optionally restricted with
/// <c>--where</c> (Hive partition values) and <c>--since/--until</c> (the objects' event-time ranges).
/// </summary>
internal sealed class DatasetProfiles
{
    private readonly Option<string[]> _where = new("--where")
    {
        Description = "Only objects whose Hive partition values match, e.g. \"region=eu\", \"dt>=2026-01-01 and dt<2026-02-01\" (repeatable; all must hold)",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<DateTimeOffset?> _since = new("--since") { Description = "Only objects whose event-time range reaches this instant or later (ISO 8601; needs the dataset's eventTime)" };

    private readonly Option<DateTimeOffset?> _until = new("--until") { Description = "Only objects whose event-time range starts before this instant (ISO 8601; needs the dataset's eventTime)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_where);
        command.Options.Add(_since);
        command.Options.Add(_until);
    }

    /// <summary>The merged profile and the selection it came from; a selection that matches nothing is an error.</summary>
    public async Task<(DatasetProfile Profile, ProfileSelection Selection)> MergeAsync(ParseResult parse, string dataset, string outputRoot, string? statePath, string? specPath, CancellationToken cancellationToken)
    {
        var state = Path.GetFullPath(statePath ?? Path.Combine(outputRoot, ".state", "serverlessprep.db"));
        if (!File.Exists(state))
        {
            throw new CliUsageException($"No state at '{state}': process some data into '{outputRoot}' first (or pass --state).");
        }

        var where = parse.GetValue(_where) is { Length: > 0 } expressions ? PartitionFilter.Parse(expressions) : null;
        using var kv = new SqliteKeyValueStore(state);
        var selection = new ProfileSelection { Where = where, Since = parse.GetValue(_since), Until = parse.GetValue(_until) };
        if (selection.HasTimeRange)
        {
            var spec = SpecLoader.Load(specPath).Datasets.FirstOrDefault(d => d.Name == dataset)
                ?? await new FitRepository(kv).GetInferredSpecAsync(dataset, cancellationToken).ConfigureAwait(false);
            selection = selection with { EventTimeColumn = spec?.EventTimeColumn };
        }

        var (profile, selected, total) = await StoredProfiles.MergeAsync(kv, dataset, selection, cancellationToken).ConfigureAwait(false);
        if (total == 0)
        {
            throw new CliUsageException($"Dataset '{dataset}' has no stored profiles in '{state}'.");
        }

        return selected == 0
            ? throw new CliUsageException($"Dataset '{dataset}': none of its {total} object profiles match {selection}.")
            : (profile, selection);
    }
}
