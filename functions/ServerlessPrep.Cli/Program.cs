using System.CommandLine;
using ServerlessPrep.Cli.Commands;

namespace ServerlessPrep.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliConsole.System());

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await parse.InvokeAsync(config).ConfigureAwait(false);
    }

    internal static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("ServerlessPrep: turn raw lakehouse files into ML-ready data (profile, check, clean, featurize, split) the moment they land.");
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(ProcessCommand.Create("process", "Process every object below PATH (a backfill): skips objects already completed, resumable.", console));
        root.Subcommands.Add(BackfillCommand.Create(console));
        root.Subcommands.Add(WatchCommand.Create(console));
        root.Subcommands.Add(ProfileCommand.Create(console));
        root.Subcommands.Add(FitCommand.Create(console));
        root.Subcommands.Add(ReferenceCommand.Create(console));
        root.Subcommands.Add(SuggestCommand.Create(console));
        root.Subcommands.Add(RedriveCommand.Create(console));
        root.Subcommands.Add(OnlineCommand.Create(console));
        return root;
    }
}
