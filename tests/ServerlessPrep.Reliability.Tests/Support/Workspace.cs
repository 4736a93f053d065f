using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Local;

namespace ServerlessPrep.Reliability.Tests.Support;

/// <summary>
/// One temp folder holding a lake, an output root, a temp folder and a SQLite key-value file: what several "workers"
/// (separate processor and store instances) share, as separate Lambda invocations share a bucket and a table.
/// </summary>
internal sealed class Workspace : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public Workspace()
    {
        Container = Path.Combine(Path.GetTempPath(), "sp-rel-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Container, "workspace");
        Directory.CreateDirectory(Root);
        Lake = new FileSystemObjectStore(LakeDirectory);
    }

    /// <summary>A private parent folder: anything written outside <see cref="Root"/> by a bad key would land here.</summary>
    public string Container { get; }

    public string Root { get; }

    public string LakeDirectory => Path.Combine(Root, "lake");

    public string OutputDirectory => Path.Combine(Root, "out");

    public string TempDirectory => Path.Combine(Root, "tmp");

    public string KvPath => Path.Combine(Root, "kv.db");

    public FileSystemObjectStore Lake { get; }

    public ProcessorOptions Options(TimeSpan? lease = null, int maxAttempts = 3) => new()
    {
        TempDirectory = TempDirectory,
        TransientRetryDelay = TimeSpan.FromMilliseconds(1),
        ClaimLease = lease ?? TimeSpan.FromMinutes(5),
        MaxAttempts = maxAttempts,
    };

    /// <summary>A new worker: its own store instances over the shared folders and the shared SQLite file.</summary>
    public Worker CreateWorker(SpecSet specs, ProcessorOptions? options = null, TimeProvider? time = null, Func<IKeyValueStore, IKeyValueStore>? wrapKv = null, Func<IObjectStore, IObjectStore>? wrapStore = null)
    {
        time ??= TimeProvider.System;
        var sqlite = new SqliteKeyValueStore(KvPath, time, TimeSpan.FromSeconds(30));
        lock (_owned)
        {
            _owned.Add(sqlite);
        }

        IKeyValueStore kv = wrapKv is null ? sqlite : wrapKv(sqlite);
        IObjectStore lake = new FileSystemObjectStore(LakeDirectory);
        IObjectStore output = new FileSystemObjectStore(OutputDirectory);
        if (wrapStore is not null)
        {
            lake = wrapStore(lake);
            output = wrapStore(output);
        }

        return new Worker(new Processor(lake, output, kv, specs, options ?? Options(), time), kv);
    }

    public async Task<ObjectCreated> PutAsync(string key, byte[] content, string? version = null, string? sequencer = null)
    {
        using (var stream = new MemoryStream(content))
        {
            await Lake.PutAsync(key, stream);
        }

        var info = (await Lake.GetInfoAsync(key))!;
        return new ObjectCreated("lake", key, info.Size, info.ETag, version, sequencer, info.LastModified, "test");
    }

    public async Task<List<string>> ListOutputsAsync()
    {
        var keys = new List<string>();
        await foreach (var info in new FileSystemObjectStore(OutputDirectory).ListAsync(string.Empty))
        {
            keys.Add(info.Key);
        }

        return keys;
    }

    public byte[] ReadOutput(string key) => File.ReadAllBytes(Path.Combine(OutputDirectory, key));

    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var item in _owned)
            {
                item.Dispose();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Container, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
