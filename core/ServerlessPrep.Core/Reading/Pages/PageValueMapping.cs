using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>How the page decoder turns a flat column's physical values into column values (same results as the plans' converters).</summary>
internal enum PageValueMapping
{
    Boolean,
    Int32,
    Int8,
    UInt8,
    Int16,
    UInt16,
    UInt32,
    DateDays,
    Int64,
    UInt64,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    Float,
    Double,
    String,

    /// <summary>DECIMAL stored as INT32 or INT64 unscaled values (the scale is the decoder's).</summary>
    Decimal32,
    Decimal64,
}

internal static class PageValueMappings
{
    /// <summary>
    /// The mapping for a top-level field read by <paramref name="plan"/>, or null when the page decoder leaves the field to
    /// Parquet.Net (nested, decimals, INT96, TIME, binary, fixed-length, UUID, FLOAT16, unsupported types).
    /// </summary>
    public static PageValueMapping? For(Field field, ParquetColumnPlan plan)
    {
        if (field is not DataField { IsArray: false, MaxRepetitionLevel: 0, MaxDefinitionLevel: <= 1 } data || data is TimeDataField
            || plan is ParquetMissingPlan or ParquetNestedPlan or ParquetBinaryPlan || data.SchemaElement?.Type is not { } physical)
        {
            return null;
        }

        var t = data.ClrType;
        return physical switch
        {
            Parquet.Meta.Type.BOOLEAN when t == typeof(bool) => PageValueMapping.Boolean,
            Parquet.Meta.Type.INT32 when t == typeof(int) => PageValueMapping.Int32,
            Parquet.Meta.Type.INT32 when t == typeof(sbyte) => PageValueMapping.Int8,
            Parquet.Meta.Type.INT32 when t == typeof(byte) => PageValueMapping.UInt8,
            Parquet.Meta.Type.INT32 when t == typeof(short) => PageValueMapping.Int16,
            Parquet.Meta.Type.INT32 when t == typeof(ushort) => PageValueMapping.UInt16,
            Parquet.Meta.Type.INT32 when t == typeof(uint) => PageValueMapping.UInt32,
            Parquet.Meta.Type.INT32 when t == typeof(DateOnly) => PageValueMapping.DateDays,
            Parquet.Meta.Type.INT64 when t == typeof(long) => PageValueMapping.Int64,
            Parquet.Meta.Type.INT64 when t == typeof(ulong) => PageValueMapping.UInt64,
            Parquet.Meta.Type.INT64 when t == typeof(DateTime) && plan.Schema.Kind == DataKind.Timestamp => TimestampUnit(data.SchemaElement),
            Parquet.Meta.Type.INT32 when t == typeof(decimal) => PageValueMapping.Decimal32,
            Parquet.Meta.Type.INT64 when t == typeof(decimal) => PageValueMapping.Decimal64,
            Parquet.Meta.Type.FLOAT when t == typeof(float) => PageValueMapping.Float,
            Parquet.Meta.Type.DOUBLE when t == typeof(double) => PageValueMapping.Double,
            Parquet.Meta.Type.BYTE_ARRAY when plan is ParquetStringPlan => PageValueMapping.String,
            _ => null,
        };
    }

    public static Parquet.Meta.Type PhysicalType(this PageValueMapping mapping) => mapping switch
    {
        PageValueMapping.Boolean => Parquet.Meta.Type.BOOLEAN,
        PageValueMapping.Int32 or PageValueMapping.Int8 or PageValueMapping.UInt8 or PageValueMapping.Int16 or PageValueMapping.UInt16
            or PageValueMapping.UInt32 or PageValueMapping.DateDays or PageValueMapping.Decimal32 => Parquet.Meta.Type.INT32,
        PageValueMapping.Float => Parquet.Meta.Type.FLOAT,
        PageValueMapping.Double => Parquet.Meta.Type.DOUBLE,
        PageValueMapping.String => Parquet.Meta.Type.BYTE_ARRAY,
        _ => Parquet.Meta.Type.INT64,
    };

    /// <summary>Bytes per PLAIN value (0 for BOOLEAN bits and BYTE_ARRAY).</summary>
    public static int PlainWidth(this PageValueMapping mapping) => mapping.PhysicalType() switch
    {
        Parquet.Meta.Type.INT32 or Parquet.Meta.Type.FLOAT => 4,
        Parquet.Meta.Type.INT64 or Parquet.Meta.Type.DOUBLE => 8,
        _ => 0,
    };

    private static PageValueMapping? TimestampUnit(Parquet.Meta.SchemaElement element)
    {
        if (element.LogicalType?.TIMESTAMP is { } timestamp)
        {
            return timestamp.Unit.MILLIS is not null ? PageValueMapping.TimestampMillis
                : timestamp.Unit.MICROS is not null ? PageValueMapping.TimestampMicros
                : timestamp.Unit.NANOS is not null ? PageValueMapping.TimestampNanos
                : null;
        }

        return element.ConvertedType switch
        {
            Parquet.Meta.ConvertedType.TIMESTAMP_MILLIS => PageValueMapping.TimestampMillis,
            Parquet.Meta.ConvertedType.TIMESTAMP_MICROS => PageValueMapping.TimestampMicros,
            _ => null,
        };
    }
}
