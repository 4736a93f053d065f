using System.CommandLine;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Cli.Commands;

/// <summary>
/// <c>redrive PATH</c>: after a fix (new spec, new code, a repaired file), forgets the quarantined and poison (failed) records of the
/// objects below PATH and processes them again. Completed objects are left alone.
/// </summary>
internal static class RedriveCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "A file, a dataset folder or a lake folder" };
        var output = CommonOptions.Out();
        var spec = CommonOptions.Spec();
        var state = CommonOptions.State();
        var json = CommonOptions.Json();
        var root = CommonOptions.Root();
        var command = new Command("redrive", "Process quarantined and failed objects again after a fix.") { path, output, spec, state, json, root };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var request = new RunRequest(
                LakeLayout.FromPath(parse.GetValue(path)!, parse.GetValue(root)),
                parse.GetValue(output)!,
                parse.GetValue(state),
                SpecLoader.Load(parse.GetValue(spec)),
                parse.GetValue(json),
                Concurrency: 1,
                Since: null,
                DryRun: false);
            var forgotten = await ForgetAsync(request, ct).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"re-driving {forgotten} quarantined or failed object(s)").ConfigureAwait(false);
            var summary = await RunRequestExecutor.ExecuteAsync(request, console, ct).ConfigureAwait(false);
            return summary.ExitCode;
        }));
        return command;
    }

    private static async Task<int> ForgetAsync(RunRequest request, CancellationToken cancellationToken)
    {
        using var workspace = LocalWorkspace.Open(request.Lake, request.Output, request.State, request.Specs);
        var resolver = new DatasetResolver(workspace.Specs);
        var claims = new ObjectClaims(workspace.Kv, TimeProvider.System, new ProcessorOptions());
        var forgotten = 0;
        await foreach (var info in workspace.Lake.ListAsync(request.Lake.Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (resolver.Resolve(info.Key, out _) is not { } match)
            {
                continue;
            }

            var record = await claims.GetAsync(match.Dataset, info.Key, cancellationToken).ConfigureAwait(false);
            if (record?.Status is RecordStatus.Quarantined or RecordStatus.Failed)
            {
                await workspace.Kv.DeleteAsync(KvKeys.Dataset(match.Dataset), KvKeys.Object(info.Key), cancellationToken).ConfigureAwait(false);
                await workspace.Output.DeleteAsync(OutputLayout.QuarantineError(match), cancellationToken).ConfigureAwait(false);
                forgotten++;
            }
        }

        return forgotten;
    }
}
