using System.CommandLine;
using ServerlessPrep.Cli.Running;

namespace ServerlessPrep.Cli.Commands;

/// <summary><c>process PATH</c> (alias <c>backfill</c>): every object below PATH, skipping those already completed; resumable.</summary>
internal static class ProcessCommand
{
    public static Command Create(string name, string description, CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "A file, a dataset folder or a lake folder" };
        var output = CommonOptions.Out();
        var spec = CommonOptions.Spec();
        var state = CommonOptions.State();
        var json = CommonOptions.Json();
        var concurrency = CommonOptions.Concurrency();
        var root = CommonOptions.Root();
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only objects modified at or after this instant (ISO 8601)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be processed or skipped, change nothing" };
        var largeObjectBytes = CommonOptions.LargeObjectBytes();
        var rowGroupsPerPart = CommonOptions.RowGroupsPerPart();
        var noOnline = new Option<bool>("--no-online-features") { Description = "Do not write the latest features per entity to the key-value store (e.g. for a backfill of old history)" };
        var command = new Command(name, description) { path, output, spec, state, json, concurrency, root, since, dryRun, noOnline, largeObjectBytes, rowGroupsPerPart };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var request = new RunRequest(
                LakeLayout.FromPath(parse.GetValue(path)!, parse.GetValue(root)),
                parse.GetValue(output)!,
                parse.GetValue(state),
                SpecLoader.Load(parse.GetValue(spec)),
                parse.GetValue(json),
                parse.GetValue(concurrency),
                parse.GetValue(since),
                parse.GetValue(dryRun))
            {
                OnlineFeatures = !parse.GetValue(noOnline),
                LargeObjectBytes = parse.GetValue(largeObjectBytes),
                RowGroupsPerPart = parse.GetValue(rowGroupsPerPart),
            };
            var summary = await RunRequestExecutor.ExecuteAsync(request, console, ct).ConfigureAwait(false);
            return summary.ExitCode;
        }));
        return command;
    }
}
