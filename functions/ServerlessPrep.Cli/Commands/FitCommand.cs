using System.CommandLine;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Local;

namespace ServerlessPrep.Cli.Commands;

/// <summary>
/// <c>fit --dataset NAME [--where …] [--since/--until]</c>: derives the transform state from the merged dataset profile, freezes it
/// (content-addressed) and makes it the active one; the merged profile becomes the dataset's drift reference unless
/// <c>--keep-reference</c>. Later objects are prepared with the fit in one pass; outputs already written are never changed.
/// </summary>
internal static class FitCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset to fit", Required = true };
        var output = CommonOptions.Out();
        var state = CommonOptions.State();
        var spec = CommonOptions.Spec();
        var keepReference = new Option<bool>("--keep-reference") { Description = "Do not make the merged profile the dataset's drift reference (keep the current one)" };
        var profiles = new DatasetProfiles();
        var command = new Command("fit", "Freeze dataset-level transform state (means, bins, vocabularies) from the merged profiles and activate it; its profile becomes the drift reference.") { dataset, output, spec, state, keepReference };
        profiles.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var name = parse.GetValue(dataset)!;
            var (profile, selection) = await profiles.MergeAsync(parse, name, parse.GetValue(output)!, parse.GetValue(state), parse.GetValue(spec), ct).ConfigureAwait(false);
            using var kv = new SqliteKeyValueStore(Path.GetFullPath(parse.GetValue(state) ?? Path.Combine(parse.GetValue(output)!, ".state", "serverlessprep.db")));
            var fits = new FitRepository(kv);
            var declared = SpecLoader.Load(parse.GetValue(spec)).Datasets.FirstOrDefault(d => d.Name == name);
            var datasetSpec = declared ?? await fits.GetInferredSpecAsync(name, ct).ConfigureAwait(false)
                ?? throw new CliUsageException($"Dataset '{name}' has no spec: pass --spec, or process some of its data first so one is inferred.");
            var stats = profile.Columns.ToDictionary(c => c.Name, c => (Core.Profiling.IColumnStatistics)c, StringComparer.Ordinal);
            var where = selection.ToString() is { Length: > 0 } filter ? $" ({filter})" : string.Empty;
            var fit = TransformFitter.Fit(datasetSpec, profile.Schema, stats, FitState.SourceDataset, $"dataset:{name}:{profile.ObjectCount} objects{where}", TimeProvider.System);
            await fits.ActivateAsync(fit, ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"fitted {fit.Version} for '{name}' from {profile.ObjectCount} object(s){where}, {profile.RowCount:N0} rows; it is now active.").ConfigureAwait(false);
            if (!parse.GetValue(keepReference))
            {
                var reference = await new ReferenceProfiles(kv, TimeProvider.System).SetAsync(name, profile, $"fit:{fit.Version}{where}", ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"drift reference for '{name}' is now {reference.Id} (the profile this fit came from).").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
