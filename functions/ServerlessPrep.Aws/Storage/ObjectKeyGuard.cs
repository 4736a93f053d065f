using System.Text;

namespace ServerlessPrep.Aws.Storage;

/// <summary>Refuses keys that could escape a store's prefix or that S3 cannot hold.</summary>
internal static class ObjectKeyGuard
{
    private const int MaxKeyBytes = 1024;

    /// <summary>Validates a store-relative object key; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public static string Validate(string key, string paramName = "key")
    {
        ArgumentException.ThrowIfNullOrEmpty(key, paramName);
        if (key[0] == '/' || key[0] == '\\')
        {
            throw new ArgumentException($"Key '{key}' is absolute; keys are relative to the store's prefix.", paramName);
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"Key contains control character U+{(int)c:X4}.", paramName);
            }

            if (c == '\\')
            {
                throw new ArgumentException($"Key '{key}' contains a backslash; use '/' as the separator.", paramName);
            }
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "." or "..")
            {
                throw new ArgumentException($"Key '{key}' contains a '{segment}' segment.", paramName);
            }
        }

        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new ArgumentException($"Key is longer than {MaxKeyBytes} UTF-8 bytes.", paramName);
        }

        return key;
    }

    /// <summary>A list prefix may be empty or end mid-segment, but must otherwise obey the key rules.</summary>
    public static string ValidatePrefix(string prefix, string paramName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, paramName);
        return prefix.Length == 0 ? prefix : Validate(prefix, paramName);
    }

    /// <summary>Normalizes a store root prefix: no leading '/', exactly one trailing '/' unless empty.</summary>
    public static string NormalizeRoot(string? prefix)
    {
        var trimmed = (prefix ?? string.Empty).Trim('/');
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        Validate(trimmed, nameof(prefix));
        return trimmed + "/";
    }
}
