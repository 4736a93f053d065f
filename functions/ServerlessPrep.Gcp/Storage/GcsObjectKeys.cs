namespace ServerlessPrep.Gcp.Storage;

/// <summary>Validation of store-relative object keys, so that no key can escape the store's prefix.</summary>
internal static class GcsObjectKeys
{
    public static string Validate(string key, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            return allowEmpty ? key : throw new ArgumentException("Object key must not be empty.", nameof(key));
        }

        if (key.StartsWith('/') || key.Contains('\\', StringComparison.Ordinal) || key.Any(char.IsControl))
        {
            throw new ArgumentException($"Object key '{key}' must be relative, '/'-separated and free of control characters.", nameof(key));
        }

        if (key.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException($"Object key '{key}' must not contain '.' or '..' segments.", nameof(key));
        }

        return key;
    }

    /// <summary>Normalises a prefix to "" or "a/b/".</summary>
    public static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? string.Empty).Trim('/');
        return trimmed.Length == 0 ? string.Empty : Validate(trimmed) + "/";
    }
}
