using System.Globalization;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Parses text values (CSV fields, JSON numbers and strings) into the storage of each <see cref="DataKind"/>.
/// Invariant culture only; dates and timestamps only in ISO 8601 shapes, so "1/2/2024" stays text.
/// </summary>
internal static class TextValueParser
{
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary><c>yyyy-MM-dd</c> only, as microseconds since the epoch at midnight UTC.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        if (text.Length != 10 || !HasIsoDatePrefix(text)
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        micros = TimeUnits.FromDateOnly(date);
        return true;
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm[:ss[.f…]][Z|±hh:mm]</c> (a space may replace the <c>T</c>); without an offset the time is taken as UTC.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        if (text.Length < 16 || !HasIsoDatePrefix(text) || text[10] is not ('T' or ' ')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return false;
        }

        micros = TimeUnits.FromDateTimeOffset(value);
        return true;
    }

    /// <summary>An integer written with a leading zero ("007", "-01") is an identifier or code, not a number.</summary>
    public static bool HasLeadingZero(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            text = text[1..];
        }

        return text.Length > 1 && text[0] == '0' && char.IsAsciiDigit(text[1]);
    }

    private static bool HasIsoDatePrefix(ReadOnlySpan<char> t) =>
        char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2]) && char.IsAsciiDigit(t[3]) && t[4] == '-'
        && char.IsAsciiDigit(t[5]) && char.IsAsciiDigit(t[6]) && t[7] == '-' && char.IsAsciiDigit(t[8]) && char.IsAsciiDigit(t[9]);
}
