using System.Runtime.CompilerServices;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local;

/// <summary>
/// An <see cref="IObjectStore"/> over a local folder: key <c>a/b.parquet</c> is the file <c>&lt;root&gt;/a/b.parquet</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Keys are checked with <see cref="SafeKey"/> and the resolved path is checked again to be under the root, so no key can escape it.</item>
/// <item><see cref="PutAsync"/> writes a hidden temporary file (<c>.&lt;guid&gt;.tmp</c>) in the target folder, flushes it to disk and renames it over
/// the target, so readers see the old file or the new one. <see cref="PutIfAbsentAsync"/> renames without overwriting (a hard link on Unix),
/// so exactly one of several racing writers wins.</item>
/// <item>Listing walks the folder tree lazily in code-point (UTF-8 byte) key order and skips every file or folder whose name starts with '.'
/// (staging files, <c>.DS_Store</c>, <c>.git</c>) and symbolic-link folders (no cycles). Keys with such segments can still be read and written.</item>
/// <item>ETags are <c>"&lt;size hex&gt;-&lt;last-write ticks hex&gt;"</c>: cheap, and every put renames a new file into place, which sets a new
/// modification time. Two puts of equal size within the file system's timestamp resolution could share an ETag.</item>
/// <item>A key cannot be both an object and a "folder" of other objects (<c>a</c> and <c>a/b</c>); such a put fails with <see cref="IOException"/>.
/// Deleting the last object of a folder leaves the empty folder behind; listings ignore it.</item>
/// </list>
/// </remarks>
public sealed class FileSystemObjectStore : IObjectStore
{
    private const string TempSuffix = ".tmp";
    private const int BufferSize = 81920;

    private readonly string _root;
    private readonly string _rootWithSeparator;

    public FileSystemObjectStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        _rootWithSeparator = _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;
        Uri = new Uri(_root).AbsoluteUri;
    }

    /// <summary><c>file:///abs/path</c> of the root folder.</summary>
    public string Uri { get; }

    /// <summary>Absolute path of the root folder.</summary>
    public string RootDirectory => _root;

    public ValueTask<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(PathOf(key));
        return ValueTask.FromResult(file.Exists ? Describe(key, file) : null);
    }

    public ValueTask<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<Stream>(OpenFile(key));
    }

    /// <summary>
    /// Opens the file and compares the version of the opened handle (size and modification time) with <paramref name="version"/>. The handle
    /// keeps the opened file even when a put renames a newer one over it, so the stream never mixes versions.
    /// </summary>
    public ValueTask<Stream> OpenReadAsync(ObjectInfo version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        FileStream stream;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream = OpenFile(version.Key);
        }
        catch (FileNotFoundException e)
        {
            throw new ObjectChangedException(version, null, e);
        }

        var size = RandomAccess.GetLength(stream.SafeFileHandle);
        var modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
        var opened = new ObjectInfo(version.Key, size, ETagOf(size, modified), new DateTimeOffset(modified, TimeSpan.Zero));
        if (!opened.IsSameVersionAs(version))
        {
            stream.Dispose();
            throw new ObjectChangedException(version, opened);
        }

        return ValueTask.FromResult<Stream>(stream);
    }

    public async ValueTask PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        var temp = await WriteTempAsync(path, content, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public async ValueTask<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return false;
        }

        var temp = await WriteTempAsync(path, null, content, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            TryDelete(temp);
            return false;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(key);
        if (Directory.Exists(path))
        {
            return ValueTask.CompletedTask; // A "folder" of other objects is not an object.
        }

        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleting a missing object is not an error.
        }

        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SafeKey.ValidatePrefix(prefix);
        var lastSlash = prefix.LastIndexOf('/');
        var startKey = lastSlash < 0 ? string.Empty : prefix[..(lastSlash + 1)];
        var startDirectory = startKey.Length == 0 ? _root : Path.Combine(_root, startKey.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        EnsureUnderRoot(startDirectory, prefix);
        var insideHiddenFolder = startKey.Split('/').Any(segment => segment.StartsWith('.'));
        if (insideHiddenFolder || !Directory.Exists(startDirectory))
        {
            yield break;
        }

        // Depth-first walk; siblings are sorted by name, with "/" appended to folder names, which yields whole keys in code-point order.
        var stack = new Stack<IEnumerator<(string Key, FileSystemInfo Entry)>>();
        stack.Push(Children(new DirectoryInfo(startDirectory), startKey).GetEnumerator());
        try
        {
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = stack.Peek();
                if (!current.MoveNext())
                {
                    stack.Pop().Dispose();
                    continue;
                }

                var (key, entry) = current.Current;
                if (entry is DirectoryInfo directory)
                {
                    if (key.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(key, StringComparison.Ordinal))
                    {
                        stack.Push(Children(directory, key).GetEnumerator());
                    }
                }
                else if (key.StartsWith(prefix, StringComparison.Ordinal) && entry is FileInfo file && file.Exists)
                {
                    yield return Describe(key, file);
                }
            }
        }
        finally
        {
            while (stack.Count > 0)
            {
                stack.Pop().Dispose();
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static IEnumerable<(string Key, FileSystemInfo Entry)> Children(DirectoryInfo directory, string keyPrefix)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = directory.GetFileSystemInfos();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }

        var children = new List<(string Key, FileSystemInfo Entry)>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }

            if (entry is DirectoryInfo)
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                children.Add((keyPrefix + entry.Name + "/", entry));
            }
            else
            {
                children.Add((keyPrefix + entry.Name, entry));
            }
        }

        children.Sort((a, b) => CodePointComparer.Instance.Compare(a.Key, b.Key));
        return children;
    }

    private static ObjectInfo Describe(string key, FileInfo file)
    {
        var size = file.Length;
        var modified = file.LastWriteTimeUtc;
        return new ObjectInfo(key, size, ETagOf(size, modified), new DateTimeOffset(modified, TimeSpan.Zero));
    }

    private static string ETagOf(long size, DateTime modifiedUtc)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\"{size:x}-{modifiedUtc.Ticks:x}\"");

    private static async ValueTask<string> WriteTempAsync(string path, Stream? content, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Guid.NewGuid().ToString("N") + TempSuffix);
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                if (content is not null)
                {
                    await content.CopyToAsync(stream, BufferSize, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden temp file is never listed.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private FileStream OpenFile(string key)
    {
        var path = PathOf(key);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException || (ex is UnauthorizedAccessException && Directory.Exists(path)))
        {
            throw NotFound(key, ex);
        }
        catch (FileNotFoundException ex)
        {
            throw NotFound(key, ex);
        }
    }

    private static FileNotFoundException NotFound(string key, Exception inner)
        => new($"Object \"{key}\" does not exist.", key, inner);

    private string PathOf(string key)
    {
        SafeKey.Validate(key);
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        EnsureUnderRoot(path, key);
        return path;
    }

    private void EnsureUnderRoot(string path, string key)
    {
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(_rootWithSeparator, StringComparison.Ordinal) && !string.Equals(full, _root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Key \"{key}\" resolves outside the store root \"{_root}\".", nameof(key));
        }
    }
}
