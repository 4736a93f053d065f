using System.CommandLine;
using ServerlessPrep.Cli.Demo;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Cli.Commands;

/// <summary><c>demo [--dir DIR]</c>: writes a demo lake with dirty data, processes it, and shows what came out.</summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var dir = new Option<string>("--dir") { Description = "Folder for the demo (lake/, spec.yaml, prepared/); recreated on each run", DefaultValueFactory = _ => "demo" };
        var json = CommonOptions.Json();
        var command = new Command("demo", "Create a demo lake (3 datasets, Parquet/CSV/JSONL, some dirty data), process it and print the summary.") { dir, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(console, async () =>
        {
            var root = Path.GetFullPath(parse.GetValue(dir)!);
            Prepare(root);
            await DemoLake.CreateAsync(root, ct).ConfigureAwait(false);
            var request = new RunRequest(
                new LakeLayout(Path.Combine(root, "lake"), string.Empty),
                Path.Combine(root, "prepared"),
                null,
                SpecParser.ParseFile(Path.Combine(root, "spec.yaml")),
                parse.GetValue(json),
                Concurrency: 2,
                Since: null,
                DryRun: false);
            var summary = await RunRequestExecutor.ExecuteAsync(request, console, ct).ConfigureAwait(false);
            if (!parse.GetValue(json))
            {
                await console.Out.WriteLineAsync($"""

                    The demo lake is in {Path.Combine(root, "lake")} and its spec in {Path.Combine(root, "spec.yaml")}.
                    Outputs are in {Path.Combine(root, "prepared")}: features/ (ML-ready Parquet with a 'split' column), _profiles/, _lineage/ (OpenLineage),
                    _quarantine/ (rejected rows and the two broken files, each with the reason), _manifests/.
                    The quarantined objects are dirty on purpose; the demo succeeds when they are caught.
                    """).ConfigureAwait(false);
            }

            // The demo's dirt is intended: quarantine is the expected outcome, so only a real failure is an error here.
            return summary.ExitCode == ExitCodes.Error ? ExitCodes.Error : ExitCodes.Success;
        }));
        return command;
    }

    private static void Prepare(string root)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!File.Exists(Path.Combine(root, DemoLake.Marker)))
            {
                throw new CliUsageException($"'{root}' exists, is not empty and was not created by 'serverlessprep demo'; choose another --dir.");
            }

            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
    }
}
