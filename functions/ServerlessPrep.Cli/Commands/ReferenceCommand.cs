using System.CommandLine;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Local;

namespace ServerlessPrep.Cli.Commands;

/// <summary>
/// <c>reference --dataset NAME [--where …] [--since/--until]</c>: makes the merged profile of the selected objects the dataset's
/// drift reference (without changing the fit); <c>--clear</c> removes it (objects then get no drift verdict).
/// </summary>
internal static class ReferenceCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset whose drift reference to set", Required = true };
        var output = CommonOptions.Out();
        var state = CommonOptions.State();
        var spec = CommonOptions.Spec();
        var clear = new Option<bool>("--clear") { Description = "Remove the dataset's drift reference" };
        var profiles = new DatasetProfiles();
        var command = new Command("reference", "Set the dataset's drift reference profile from its stored profiles (fit also sets it), or --clear it.") { dataset, output, spec, state, clear };
        profiles.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var name = parse.GetValue(dataset)!;
            var statePath = Path.GetFullPath(parse.GetValue(state) ?? Path.Combine(parse.GetValue(output)!, ".state", "serverlessprep.db"));
            if (parse.GetValue(clear))
            {
                using var store = new SqliteKeyValueStore(statePath);
                await new ReferenceProfiles(store, TimeProvider.System).ClearAsync(name, ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"'{name}' has no drift reference now.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var (profile, selection) = await profiles.MergeAsync(parse, name, parse.GetValue(output)!, parse.GetValue(state), parse.GetValue(spec), ct).ConfigureAwait(false);
            using var kv = new SqliteKeyValueStore(statePath);
            var source = selection.ToString() is { Length: > 0 } s ? $"reference {s}" : "reference";
            var reference = await new ReferenceProfiles(kv, TimeProvider.System).SetAsync(name, profile, source, ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"drift reference for '{name}' is now {reference.Id}: {profile.ObjectCount} object(s), {profile.RowCount:N0} rows.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
