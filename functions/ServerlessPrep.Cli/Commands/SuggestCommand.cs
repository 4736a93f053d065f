using System.CommandLine;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Quality;

namespace ServerlessPrep.Cli.Commands;

/// <summary><c>suggest --dataset NAME</c>: quality rules proposed from the merged dataset profile, printed as spec YAML to paste.</summary>
internal static class SuggestCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset to suggest rules for", Required = true };
        var output = CommonOptions.Out();
        var state = CommonOptions.State();
        var spec = CommonOptions.Spec();
        var profiles = new DatasetProfiles();
        var command = new Command("suggest", "Propose quality rules (completeness, non-negative, allowed values, unique) from the dataset's profiles.") { dataset, output, state, spec };
        profiles.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var name = parse.GetValue(dataset)!;
            var (profile, _) = await profiles.MergeAsync(parse, name, parse.GetValue(output)!, parse.GetValue(state), parse.GetValue(spec), ct).ConfigureAwait(false);
            await console.Out.WriteAsync(RuleSuggester.ToYaml(name, RuleSuggester.Suggest(profile))).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
