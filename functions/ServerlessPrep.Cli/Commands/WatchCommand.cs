using System.CommandLine;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Cli.Watching;

namespace ServerlessPrep.Cli.Commands;

/// <summary><c>watch PATH</c>: processes each object as it lands (and those not yet processed at start) until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "Lake or dataset folder to watch" };
        var output = CommonOptions.Out();
        var spec = CommonOptions.Spec();
        var state = CommonOptions.State();
        var json = CommonOptions.Json();
        var root = CommonOptions.Root();
        var poll = new Option<int>("--poll-ms") { Description = "Polling interval in milliseconds", DefaultValueFactory = _ => 1000 };
        var quiet = new Option<int>("--settle-ms") { Description = "A file must be unchanged this long before it is read", DefaultValueFactory = _ => 2000 };
        var command = new Command("watch", "Process each new file as it lands (the local stand-in for cloud storage events), until Ctrl+C.") { path, output, spec, state, json, root, poll, quiet };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var lake = LakeLayout.FromPath(parse.GetValue(path)!, parse.GetValue(root));
            using var workspace = LocalWorkspace.Open(lake, parse.GetValue(output)!, parse.GetValue(state), SpecLoader.Load(parse.GetValue(spec)));
            var progress = new ConsoleProgress(console.Error, interactive: false);
            var runner = new BatchRunner(workspace, 1, progress);
            await console.Error.WriteLineAsync($"watching {Path.Combine(lake.Root, lake.Prefix)} (Ctrl+C to stop)").ConfigureAwait(false);
            var watcher = new FolderWatcher(workspace, runner, progress, TimeSpan.FromMilliseconds(Math.Max(50, parse.GetValue(poll))), TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(quiet))), TimeProvider.System);
            var summary = await watcher.RunAsync(lake.Prefix, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(SummaryJson.Write(summary)).ConfigureAwait(false);
            }
            else
            {
                SummaryTable.Write(console.Rich, summary);
            }

            return summary.ExitCode;
        }));
        return command;
    }
}
