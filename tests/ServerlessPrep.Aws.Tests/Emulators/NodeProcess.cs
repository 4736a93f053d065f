using System.Diagnostics;

namespace ServerlessPrep.Aws.Tests.Emulators;

/// <summary>Starts and stops the emulator processes; stdout lines go to a callback, stderr is kept for diagnostics.</summary>
internal static class NodeProcess
{
    public static Process Start(string fileName, string arguments, string workingDirectory, Action<string> onLine)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(fileName, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                onLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{Path.GetFileName(fileName)}] {e.Data}");
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task RunToEndAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, workingDirectory, _ => { });
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {arguments} exited with {process.ExitCode} in {workingDirectory}");
        }
    }

    /// <summary>Kills exactly this process (and its children) by its id.</summary>
    public static void Kill(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
