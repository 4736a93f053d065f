namespace ServerlessPrep.Core.Data;

/// <summary>Conversions for the microseconds-since-epoch representation of timestamps and dates.</summary>
public static class TimeUnits
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerDay = 86_400 * MicrosPerSecond;

    public static long FromDateTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    }

    public static long FromDateTimeOffset(DateTimeOffset value) => (value.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    public static long FromDateOnly(DateOnly value) => (long)value.DayNumber * MicrosPerDay - (long)DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber * MicrosPerDay;

    public static DateTime ToDateTime(long micros) => new(DateTime.UnixEpoch.Ticks + micros * 10, DateTimeKind.Utc);
}
