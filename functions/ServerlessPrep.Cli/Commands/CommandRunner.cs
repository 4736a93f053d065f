using ServerlessPrep.Core;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Cli.Commands;

/// <summary>Runs a command body and turns configuration and usage problems into a clear message and exit code 1.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (SpecException e)
        {
            await console.Error.WriteLineAsync($"error: the spec is invalid ({e.Errors.Count} problem{(e.Errors.Count == 1 ? string.Empty : "s")}):").ConfigureAwait(false);
            foreach (var error in e.Errors)
            {
                await console.Error.WriteLineAsync($"  {error}").ConfigureAwait(false);
            }

            return ExitCodes.Error;
        }
        catch (Exception e) when (e is CliUsageException or ServerlessPrepException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cancelled: objects finished so far are recorded; run the same command again to resume.").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }
}
