using System.Globalization;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>Hand-written, allocation-free checks of what one text value looks like (no regular expressions).</summary>
internal static class TextPattern
{
    public const int Email = 0;
    public const int Url = 1;
    public const int Phone = 2;
    public const int Date = 3;
    public const int Numeric = 4;
    public const int Other = 5;
    public const int Count = 6;

    public static int Classify(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty || value.Length > 512)
        {
            return Other;
        }

        if (double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _))
        {
            return Numeric;
        }

        if (IsEmail(value))
        {
            return Email;
        }

        if (IsUrl(value))
        {
            return Url;
        }

        if (IsDate(value))
        {
            return Date;
        }

        return IsPhone(value) ? Phone : Other;
    }

    private static bool IsEmail(ReadOnlySpan<char> v)
    {
        var at = v.IndexOf('@');
        if (at <= 0 || at != v.LastIndexOf('@') || v.ContainsAny(' ', '\t'))
        {
            return false;
        }

        var domain = v[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2 && !domain.StartsWith('.');
    }

    private static bool IsUrl(ReadOnlySpan<char> v)
    {
        if (v.Contains(' '))
        {
            return false;
        }

        var scheme = v.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            foreach (var c in v[..scheme])
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
                {
                    return false;
                }
            }

            return v.Length > scheme + 3;
        }

        return v.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && v.Length > 5;
    }

    private static bool IsPhone(ReadOnlySpan<char> v)
    {
        var digits = 0;
        var separators = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var c = v[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')' || (c == '+' && i == 0))
            {
                separators++;
            }
            else
            {
                return false;
            }
        }

        return digits is >= 7 and <= 15 && separators > 0;
    }

    private static bool IsDate(ReadOnlySpan<char> v)
    {
        if (v.Length < 6 || v.Length > 40 || !char.IsAsciiDigit(v[0]) && !char.IsAsciiLetter(v[0]))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in v)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits >= 4
            && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out _);
    }
}
