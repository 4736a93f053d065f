using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Local;

/// <summary>
/// Turns a store location from the command line or an environment variable into a local store.
/// </summary>
/// <remarks>
/// Object stores: <c>file:///abs/folder</c> (percent-encoded), <c>file://localhost/abs/folder</c>, a plain folder path, or <c>memory:</c>.
/// Key-value stores: <c>sqlite:///abs/state.db</c>, <c>sqlite:relative/state.db</c>, a plain path ending in <c>.db</c>, <c>.sqlite</c> or
/// <c>.sqlite3</c>, or <c>memory:</c> (process-local, lost on exit). Cloud locations (<c>s3://</c>, <c>https://</c>, …) are not local:
/// each host wires its own adapters. The caller owns the returned store and disposes it when it is <see cref="IDisposable"/>.
/// </remarks>
public static class LocalStores
{
    /// <summary>The object store locations this factory understands, for help texts and errors.</summary>
    public const string ObjectStoreForms = "file:///absolute/folder, file://localhost/absolute/folder, a plain folder path, or memory:";

    /// <summary>The key-value store locations this factory understands, for help texts and errors.</summary>
    public const string KeyValueStoreForms = "sqlite:///absolute/path/state.db, sqlite:relative/state.db, a plain path ending in .db, .sqlite or .sqlite3, or memory:";

    private static readonly string[] SqliteExtensions = [".db", ".sqlite", ".sqlite3"];

    /// <summary>Opens the folder named by <paramref name="location"/> as an object store (or a new in-memory one for <c>memory:</c>).</summary>
    /// <exception cref="ArgumentException">The location is empty, has a scheme other than <c>file:</c> or <c>memory:</c>, or names a remote host.</exception>
    public static IObjectStore OpenObjectStore(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var value = location.Trim();
        if (value.Length == 0)
        {
            throw new ArgumentException($"The object store location is empty. Supported: {ObjectStoreForms}.", nameof(location));
        }

        var scheme = SchemeOf(value);
        if (scheme is null)
        {
            return new FileSystemObjectStore(value);
        }

        if (scheme == "file")
        {
            return new FileSystemObjectStore(FilePath(value, "file", location, ObjectStoreForms));
        }

        if (scheme == "memory" && IsBareMemory(value))
        {
            return new InMemoryObjectStore();
        }

        throw new ArgumentException(
            $"Unsupported object store location \"{location}\" (scheme \"{scheme}:\"). Supported locally: {ObjectStoreForms}. Cloud stores are configured by their hosts.",
            nameof(location));
    }

    /// <summary>Opens the key-value store named by <paramref name="location"/>.</summary>
    /// <param name="location">See <see cref="KeyValueStoreForms"/>.</param>
    /// <param name="timeProvider">The clock that decides item expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The location is empty, has an unsupported scheme, or is a plain path without a SQLite extension.</exception>
    public static IKeyValueStore OpenKeyValueStore(string location, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        var value = location.Trim();
        if (value.Length == 0)
        {
            throw new ArgumentException($"The key-value store location is empty. Supported: {KeyValueStoreForms}.", nameof(location));
        }

        var scheme = SchemeOf(value);
        switch (scheme)
        {
            case null when HasSqliteExtension(value):
                return new SqliteKeyValueStore(value, timeProvider);
            case null:
                throw new ArgumentException(
                    $"Key-value store location \"{location}\" is a path without a .db, .sqlite or .sqlite3 extension. Supported: {KeyValueStoreForms}.",
                    nameof(location));
            case "sqlite":
                return new SqliteKeyValueStore(FilePath(value, "sqlite", location, KeyValueStoreForms), timeProvider);
            case "memory" when IsBareMemory(value):
                return new InMemoryKeyValueStore(timeProvider);
            case "memory":
                throw new ArgumentException($"Key-value store location \"{location}\": write just \"memory:\". Supported: {KeyValueStoreForms}.", nameof(location));
            default:
                throw new ArgumentException(
                    $"Unsupported key-value store location \"{location}\" (scheme \"{scheme}:\"). Supported locally: {KeyValueStoreForms}. Cloud stores are configured by their hosts.",
                    nameof(location));
        }
    }

    /// <summary>The lower-case scheme of a URI-like value, or null for a plain path (including Windows drive paths such as <c>C:\lake</c>).</summary>
    private static string? SchemeOf(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(value[0]))
        {
            return null;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return null;
            }
        }

        return value[..colon].ToLowerInvariant();
    }

    private static string FilePath(string value, string scheme, string location, string forms)
    {
        var rest = value[(scheme.Length + 1)..];
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            // scheme:relative/path
            return Decode(rest, location, forms);
        }

        var afterSlashes = rest[2..];
        var pathStart = afterSlashes.IndexOf('/', StringComparison.Ordinal);
        var host = pathStart < 0 ? afterSlashes : afterSlashes[..pathStart];
        if (host.Length > 0 && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Location \"{location}\" names host \"{host}\"; local stores need {scheme}:///absolute/path (three slashes). Supported: {forms}.",
                nameof(location));
        }

        var path = pathStart < 0 ? string.Empty : afterSlashes[pathStart..];
        if (path.Length <= 1)
        {
            throw new ArgumentException($"Location \"{location}\" has no path. Supported: {forms}.", nameof(location));
        }

        return Decode(path, location, forms);
    }

    private static string Decode(string path, string location, string forms)
    {
        var decoded = Uri.UnescapeDataString(path);
        if (decoded.Length == 0 || decoded.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Location \"{location}\" has no usable path. Supported: {forms}.", nameof(location));
        }

        return decoded;
    }

    private static bool IsBareMemory(string value) => value.AsSpan("memory:".Length).Trim('/').IsEmpty;

    private static bool HasSqliteExtension(string path)
        => SqliteExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
}
