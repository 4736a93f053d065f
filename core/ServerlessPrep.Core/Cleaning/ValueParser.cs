using System.Globalization;

namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;

/// <summary>Invariant parsing of text into the other kinds (coercion, constants in specs).</summary>
internal static class ValueParser
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"];

    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInt64(ReadOnlySpan<char> s, out long value)
    {
        s = s.Trim();
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // "42.0" is an integer written as a decimal; "42.5" is not.
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        s = s.Trim();
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("1", StringComparison.Ordinal)
            || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("y", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("0", StringComparison.Ordinal)
            || s.Equals("no", StringComparison.OrdinalIgnoreCase) || s.Equals("n", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>ISO-8601-like instants; no offset means UTC. Microseconds since the epoch.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out long micros)
    {
        if (DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
        {
            micros = TimeUnits.FromDateTimeOffset(dto);
            return true;
        }

        micros = 0;
        return false;
    }

    /// <summary>Calendar dates (time of day, if any, is truncated). Microseconds since the epoch at midnight UTC.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out long micros)
    {
        s = s.Trim();
        if (DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            micros = TimeUnits.FromDateOnly(date);
            return true;
        }

        if (TryParseTimestamp(s, out micros))
        {
            micros = FloorToDay(micros);
            return true;
        }

        return false;
    }

    /// <summary>Parses a value of <paramref name="kind"/> into the working numeric form (Boolean 0/1, timestamps in microseconds).</summary>
    public static bool TryParseNumber(DataKind kind, string s, out double value)
    {
        value = 0;
        switch (kind)
        {
            case DataKind.Boolean when TryParseBoolean(s, out var b):
                value = b ? 1 : 0;
                return true;
            case DataKind.Int64 when TryParseInt64(s, out var l):
                value = l;
                return true;
            case DataKind.Double:
                return TryParseDouble(s, out value);
            case DataKind.Timestamp when TryParseTimestamp(s, out var t):
                value = t;
                return true;
            case DataKind.Date when TryParseDate(s, out var d):
                value = d;
                return true;
            default:
                return false;
        }
    }

    public static long FloorToDay(long micros) => micros - (((micros % TimeUnits.MicrosPerDay) + TimeUnits.MicrosPerDay) % TimeUnits.MicrosPerDay);
}
