using System.Text;

namespace ServerlessPrep.Core.Storage;

/// <summary>
/// Validates object keys and listing prefixes before any adapter turns them into a path, URL or blob name.
/// A valid key is a non-empty, '/'-separated relative path of at most <see cref="MaxKeyBytes"/> UTF-8 bytes whose segments
/// are non-empty, at most <see cref="MaxSegmentBytes"/> bytes, not "." or "..", and free of backslashes, control characters
/// (including NUL) and unpaired surrogates; it must not start with '/' or a drive designator such as "C:".
/// Such a key can never name anything outside the store's root, on any operating system.
/// </summary>
public static class SafeKey
{
    /// <summary>Longest key accepted, in UTF-8 bytes (S3 and Azure Blob storage both stop at 1,024).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Longest segment accepted, in UTF-8 bytes (the usual file-name limit).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Returns <paramref name="key"/> when it is safe; otherwise throws <see cref="ArgumentException"/> naming the key and the reason.</summary>
    public static string Validate(string key) => Check(key, isPrefix: false);

    /// <summary>
    /// Validates a listing prefix: empty is allowed (everything), and so is a trailing '/' or a partial last segment;
    /// otherwise the same rules as <see cref="Validate"/>.
    /// </summary>
    public static string ValidatePrefix(string prefix) => Check(prefix, isPrefix: true);

    /// <summary>Returns <c>true</c> when <paramref name="key"/> passes <see cref="Validate"/>.</summary>
    public static bool IsValid(string? key) => key is not null && FindProblem(key, isPrefix: false) is null;

    private static string Check(string value, bool isPrefix)
    {
        ArgumentNullException.ThrowIfNull(value, isPrefix ? "prefix" : "key");
        var problem = FindProblem(value, isPrefix);
        if (problem is not null)
        {
            var what = isPrefix ? "prefix" : "key";
            throw new ArgumentException($"Invalid object {what} \"{Printable(value)}\": {problem}.", what);
        }

        return value;
    }

    private static string? FindProblem(string value, bool isPrefix)
    {
        if (value.Length == 0)
        {
            return isPrefix ? null : "it is empty";
        }

        if (Encoding.UTF8.GetByteCount(value) > MaxKeyBytes)
        {
            return $"it is longer than {MaxKeyBytes} UTF-8 bytes";
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return "it contains a control character";
            }

            if (c == '\\')
            {
                return "it contains a backslash; use '/' to separate segments";
            }
        }

        if (HasUnpairedSurrogate(value))
        {
            return "it contains an unpaired UTF-16 surrogate";
        }

        if (value[0] == '/')
        {
            return "it is absolute (starts with '/')";
        }

        if (value.Length >= 2 && value[1] == ':' && char.IsAsciiLetter(value[0]))
        {
            return "it starts with a drive designator";
        }

        var segments = value.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isLast = i == segments.Length - 1;
            if (segment.Length == 0 && !(isPrefix && isLast))
            {
                return "it has an empty segment ('//' or a trailing '/')";
            }

            // A partial last prefix segment "." or ".." still only matches names such as ".hidden" or "..x" inside the root.
            if ((segment == "." || segment == "..") && !(isPrefix && isLast))
            {
                return $"it has a '{segment}' segment";
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"a segment is longer than {MaxSegmentBytes} UTF-8 bytes";
            }
        }

        return null;
    }

    private static bool HasUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Printable(string value)
    {
        var shown = value.Length > 120 ? value[..120] + "…" : value;
        var builder = new StringBuilder(shown.Length);
        foreach (var c in shown)
        {
            if (char.IsControl(c))
            {
                builder.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
