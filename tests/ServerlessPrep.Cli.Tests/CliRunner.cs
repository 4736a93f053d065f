using System.Text.Json;

namespace ServerlessPrep.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout/stderr.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, errorIsTerminal: false));
        return (code, output.ToString(), error.ToString());
    }

    public static async Task<(int ExitCode, JsonElement Summary, string Error)> RunJsonAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync([.. args, "--json"]);
        try
        {
            return (code, JsonDocument.Parse(output).RootElement.Clone(), error);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"stdout is not one JSON document ({e.Message}). stdout:\n{output}\nstderr:\n{error}", e);
        }
    }
}
