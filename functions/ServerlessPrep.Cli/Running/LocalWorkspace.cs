using Microsoft.Extensions.Logging;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Local;

namespace ServerlessPrep.Cli.Running;

/// <summary>The local stand-ins for the cloud: the lake folder, the output folder and the embedded key-value store, wired to a processor.</summary>
internal sealed class LocalWorkspace : IDisposable
{
    private LocalWorkspace(LakeLayout lake, string outputRoot, string statePath, SpecSet specs, ProcessorOptions options, ILoggerFactory? loggers)
    {
        Layout = lake;
        Lake = new FileSystemObjectStore(lake.Root);
        Directory.CreateDirectory(outputRoot);
        Output = new FileSystemObjectStore(outputRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
        Kv = new SqliteKeyValueStore(statePath);
        Specs = specs;
        Processor = new Processor(Lake, Output, Kv, specs, options, TimeProvider.System, loggers?.CreateLogger<Processor>());
    }

    public LakeLayout Layout { get; }

    public FileSystemObjectStore Lake { get; }

    public FileSystemObjectStore Output { get; }

    public SqliteKeyValueStore Kv { get; }

    public SpecSet Specs { get; }

    public Processor Processor { get; }

    /// <summary>State lives beside the outputs by default (<c>&lt;out&gt;/.state/serverlessprep.db</c>) so they travel together.</summary>
    public static LocalWorkspace Open(LakeLayout lake, string outputRoot, string? statePath, SpecSet specs, ProcessorOptions? options = null, ILoggerFactory? loggers = null)
    {
        var output = Path.GetFullPath(outputRoot);
        var lakeRoot = Path.TrimEndingDirectorySeparator(lake.Root) + Path.DirectorySeparatorChar;
        if ((output + Path.DirectorySeparatorChar).StartsWith(lakeRoot, StringComparison.Ordinal))
        {
            throw new CliUsageException($"The output folder '{output}' is inside the lake '{lake.Root}'; outputs would be read back as new data. Choose an output folder outside the lake.");
        }

        var state = Path.GetFullPath(statePath ?? Path.Combine(output, ".state", "serverlessprep.db"));
        return new LocalWorkspace(lake, output, state, specs, options ?? new ProcessorOptions(), loggers);
    }

    public void Dispose() => Kv.Dispose();
}
