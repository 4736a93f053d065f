using Spectre.Console;

namespace ServerlessPrep.Cli;

/// <summary>The CLI's two streams: results on <see cref="Out"/>, progress and diagnostics on <see cref="Error"/>. Tests pass their own writers.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>Rich output (tables) on stdout; plain when stdout is not a terminal.</summary>
    public IAnsiConsole Rich { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
