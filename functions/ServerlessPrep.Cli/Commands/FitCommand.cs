using System.CommandLine;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Local;

namespace ServerlessPrep.Cli.Commands;

/// <summary>
/// <c>fit --dataset NAME</c>: derives the transform state from the merged dataset profile, freezes it (content-addressed) and makes it
/// the active one. Later objects are prepared with it in one pass; outputs already written are never changed.
/// </summary>
internal static class FitCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset to fit", Required = true };
        var output = CommonOptions.Out();
        var state = CommonOptions.State();
        var spec = CommonOptions.Spec();
        var command = new Command("fit", "Freeze dataset-level transform state (means, bins, vocabularies) from the merged profiles and activate it.") { dataset, output, spec, state };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var name = parse.GetValue(dataset)!;
            var profile = await DatasetProfiles.MergeAsync(name, parse.GetValue(output)!, parse.GetValue(state), ct).ConfigureAwait(false);
            using var kv = new SqliteKeyValueStore(Path.GetFullPath(parse.GetValue(state) ?? Path.Combine(parse.GetValue(output)!, ".state", "serverlessprep.db")));
            var fits = new FitRepository(kv);
            var declared = SpecLoader.Load(parse.GetValue(spec)).Datasets.FirstOrDefault(d => d.Name == name);
            var datasetSpec = declared ?? await fits.GetInferredSpecAsync(name, ct).ConfigureAwait(false)
                ?? throw new CliUsageException($"Dataset '{name}' has no spec: pass --spec, or process some of its data first so one is inferred.");
            var stats = profile.Columns.ToDictionary(c => c.Name, c => (Core.Profiling.IColumnStatistics)c, StringComparer.Ordinal);
            var fit = TransformFitter.Fit(datasetSpec, profile.Schema, stats, FitState.SourceDataset, $"dataset:{name}:{profile.ObjectCount} objects", TimeProvider.System);
            await fits.ActivateAsync(fit, ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"fitted {fit.Version} for '{name}' from {profile.ObjectCount} object(s), {profile.RowCount:N0} rows; it is now active.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
