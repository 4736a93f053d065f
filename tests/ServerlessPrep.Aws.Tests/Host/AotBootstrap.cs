using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>
/// The Native AOT <c>bootstrap</c> the end-to-end tests run: <c>SERVERLESSPREP_AWS_BOOTSTRAP</c> when set (a path, or
/// <c>dotnet</c> for the JIT build next to the tests), else published once per test run with
/// <c>dotnet publish functions/ServerlessPrep.Aws -c Release -r linux-x64</c> and cached under /tmp by a hash of the sources.
/// A missing clang fails the tests with the reason: CI must exercise the binary that is deployed.
/// </summary>
internal static class AotBootstrap
{
    public const string Variable = "SERVERLESSPREP_AWS_BOOTSTRAP";
    public const string JitValue = "dotnet";
    private static readonly Lazy<Task<string>> Published = new(PublishOnceAsync);

    /// <summary>How long the publish took in this test run (zero when the cached binary was reused).</summary>
    public static TimeSpan PublishTime { get; private set; }

    /// <summary>Path of the binary to run, or <see cref="JitValue"/>.</summary>
    public static Task<string> GetAsync()
        => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? Task.FromResult(configured) : Published.Value;

    private static async Task<string> PublishOnceAsync()
    {
        var root = RepositoryRoot();
        var cache = Path.Combine(Path.GetTempPath(), "serverlessprep-aws-aot", SourceHash(root));
        var binary = Path.Combine(cache, "bootstrap");
        if (File.Exists(binary))
        {
            return binary;
        }

        Assert.True(OnPath("clang"), "clang is not installed: the Native AOT publish of the AWS bootstrap needs clang and zlib1g-dev "
            + "(apt-get install clang zlib1g-dev; run-tests.sh does this), or set SERVERLESSPREP_AWS_BOOTSTRAP to a published bootstrap.");
        var staging = cache + ".staging-" + Environment.ProcessId;
        var project = Path.Combine(root, "functions", "ServerlessPrep.Aws", "ServerlessPrep.Aws.csproj");
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await RunAsync("dotnet", $"publish \"{project}\" -c Release -r linux-x64 -o \"{staging}\" -nologo", root, TimeSpan.FromMinutes(10));
        PublishTime = clock.Elapsed;
        Assert.True(exitCode == 0 && File.Exists(Path.Combine(staging, "bootstrap")), $"dotnet publish (Native AOT) failed with exit code {exitCode}:\n{output}");
        try
        {
            Directory.Move(staging, cache);
        }
        catch (IOException) when (File.Exists(binary))
        {
            // Another test run published the same sources first; use theirs.
            Directory.Delete(staging, recursive: true);
        }

        return binary;
    }

    /// <summary>Hash of everything the bootstrap is built from (host, core, build settings; not docs), so a stale cache is never used.</summary>
    private static string SourceHash(string root)
    {
        var files = new[] { Path.Combine(root, "functions", "ServerlessPrep.Aws"), Path.Combine(root, "core", "ServerlessPrep.Core") }
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(root, f)).Where(File.Exists))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(root, file)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(inherited);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static bool OnPath(string tool)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServerlessPrep.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ServerlessPrep.sln not found above " + AppContext.BaseDirectory);
    }
}
