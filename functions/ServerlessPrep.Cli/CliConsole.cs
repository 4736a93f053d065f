using Spectre.Console;

namespace ServerlessPrep.Cli;

/// <summary>The CLI's two streams: results on <see cref="Out"/>, progress and diagnostics on <see cref="Error"/>. Tests pass their own writers.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>Rich output (tables) on stdout; plain when stdout is not a terminal.</summary>
    public IAnsiConsole Rich { get; } = CreateRich(output);

    private static IAnsiConsole CreateRich(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal || console.Profile.Width < 120)
        {
            // Redirected output (files, CI logs) has no width; wrapping every cell to 80 columns makes tables unreadable.
            console.Profile.Width = 200;
        }

        return console;
    }

    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
