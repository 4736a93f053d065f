namespace ServerlessPrep.Azure.Storage;

/// <summary>Validation of store-relative object keys, so that no key can escape the store's prefix.</summary>
internal static class ObjectKeys
{
    public static string Validate(string key, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            return allowEmpty ? key : throw new ArgumentException("Object key must not be empty.", nameof(key));
        }

        if (key.StartsWith('/') || key.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Object key '{key}' must be relative and '/'-separated.", nameof(key));
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "." or "..")
            {
                throw new ArgumentException($"Object key '{key}' must not contain '.' or '..' segments.", nameof(key));
            }
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
