using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

// Small stateless converters; static abstract dispatch lets the JIT/AOT compiler inline them per column type.
internal readonly struct SByteToInt64 : IParquetValueConverter<sbyte, long>
{
    public static bool TryConvert(sbyte value, out long result)
    {
        result = value;
        return true;
    }
}

internal readonly struct ByteToInt64 : IParquetValueConverter<byte, long>
{
    public static bool TryConvert(byte value, out long result)
    {
        result = value;
        return true;
    }
}

internal readonly struct Int16ToInt64 : IParquetValueConverter<short, long>
{
    public static bool TryConvert(short value, out long result)
    {
        result = value;
        return true;
    }
}

internal readonly struct UInt16ToInt64 : IParquetValueConverter<ushort, long>
{
    public static bool TryConvert(ushort value, out long result)
    {
        result = value;
        return true;
    }
}

internal readonly struct Int32ToInt64 : IParquetValueConverter<int, long>
{
    public static bool TryConvert(int value, out long result)
    {
        result = value;
        return true;
    }
}

internal readonly struct UInt32ToInt64 : IParquetValueConverter<uint, long>
{
    public static bool TryConvert(uint value, out long result)
    {
        result = value;
        return true;
    }
}

internal readonly struct Int64ToInt64 : IParquetValueConverter<long, long>
{
    public static bool TryConvert(long value, out long result)
    {
        result = value;
        return true;
    }
}

/// <summary>UINT64 above <see cref="long.MaxValue"/> does not fit <see cref="DataKind.Int64"/>: missing and counted.</summary>
internal readonly struct UInt64ToInt64 : IParquetValueConverter<ulong, long>
{
    public static bool TryConvert(ulong value, out long result)
    {
        result = (long)value;
        return value <= long.MaxValue;
    }
}

internal readonly struct SingleToDouble : IParquetValueConverter<float, double>
{
    public static bool TryConvert(float value, out double result)
    {
        result = value;
        return true;
    }
}

internal readonly struct HalfToDouble : IParquetValueConverter<Half, double>
{
    public static bool TryConvert(Half value, out double result)
    {
        result = (double)value;
        return true;
    }
}

internal readonly struct DoubleToDouble : IParquetValueConverter<double, double>
{
    public static bool TryConvert(double value, out double result)
    {
        result = value;
        return true;
    }
}

internal readonly struct DecimalToDouble : IParquetValueConverter<decimal, double>
{
    public static bool TryConvert(decimal value, out double result)
    {
        result = (double)value;
        return true;
    }
}

internal readonly struct BooleanToBoolean : IParquetValueConverter<bool, bool>
{
    public static bool TryConvert(bool value, out bool result)
    {
        result = value;
        return true;
    }
}

/// <summary>
/// Raw ticks whatever the <see cref="DateTime.Kind"/>: Parquet.Net returns timestamps that are not adjusted to UTC as
/// <see cref="DateTimeKind.Local"/> wall-clock values, and converting those would make the result depend on the machine's zone.
/// </summary>
internal readonly struct DateTimeToMicros : IParquetValueConverter<DateTime, long>
{
    public static bool TryConvert(DateTime value, out long result)
    {
        result = (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        return true;
    }
}

internal readonly struct DateTimeOffsetToMicros : IParquetValueConverter<DateTimeOffset, long>
{
    public static bool TryConvert(DateTimeOffset value, out long result)
    {
        result = TimeUnits.FromDateTimeOffset(value);
        return true;
    }
}

internal readonly struct DateOnlyToMicros : IParquetValueConverter<DateOnly, long>
{
    public static bool TryConvert(DateOnly value, out long result)
    {
        result = TimeUnits.FromDateOnly(value);
        return true;
    }
}

/// <summary>TIME of day as microseconds since midnight.</summary>
internal readonly struct TimeSpanToMicros : IParquetValueConverter<TimeSpan, long>
{
    public static bool TryConvert(TimeSpan value, out long result)
    {
        result = value.Ticks / 10;
        return true;
    }
}

internal readonly struct TimeOnlyToMicros : IParquetValueConverter<TimeOnly, long>
{
    public static bool TryConvert(TimeOnly value, out long result)
    {
        result = value.Ticks / 10;
        return true;
    }
}
