namespace ServerlessPrep.Core.Storage;

/// <summary>
/// The object was replaced (or deleted) after its version was looked up and before or while its bytes were read. Transient:
/// a fresh run looks the version up again and reads one version throughout; the newer version's own event processes it too.
/// </summary>
public sealed class ObjectChangedException : ServerlessPrepException
{
    public ObjectChangedException(ObjectInfo expected, ObjectInfo? current, Exception? inner = null)
        : base(Describe(expected, current), inner)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Key = expected.Key;
    }

    /// <summary>For stores that learn of the change from a failed conditional read (HTTP 412 on an If-Match ranged GET).</summary>
    public ObjectChangedException(string key, string detail, Exception? inner = null)
        : base($"Object \"{key}\" changed while being read: {detail}.", inner)
    {
        Key = key;
    }

    public string Key { get; }

    private static string Describe(ObjectInfo expected, ObjectInfo? current)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var now = current is null ? "it no longer exists" : $"it is now {current.VersionLabel}";
        return $"Object \"{expected.Key}\" changed while being read: opened as {expected.VersionLabel}, {now}.";
    }
}
