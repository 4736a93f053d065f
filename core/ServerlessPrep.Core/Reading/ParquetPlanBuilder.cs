using System.Text;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>Maps each top-level Parquet field onto a <see cref="DataKind"/> and the plan that reads it.</summary>
internal static class ParquetPlanBuilder
{
    public static ParquetColumnPlan? Build(Field field, ReaderOptions options, ReadDiagnostics diagnostics)
    {
        if (field is DataField { IsArray: false, MaxRepetitionLevel: 0 } data)
        {
            return BuildFlat(data, options, diagnostics);
        }

        var nested = new ParquetNestedPlan(new ColumnSchema(field.Name, DataKind.Nested, true, Describe(field)), field);
        if (!nested.LevelsAgree)
        {
            diagnostics.AddNote($"column '{field.Name}': nested layout not understood; its values are read as missing.");
            return new ParquetMissingPlan(new ColumnSchema(field.Name, DataKind.Nested, true, Describe(field) + " (values not read)"));
        }

        return nested;
    }

    /// <summary>A short type text such as <c>struct&lt;a:INT32,b:STRING&gt;</c>, kept in <see cref="ColumnSchema.SourceType"/>.</summary>
    public static string Describe(Field field)
    {
        var text = new StringBuilder();
        Append(text, field);
        const int maxLength = 256;
        return text.Length > maxLength ? text.ToString(0, maxLength) + "…" : text.ToString();
    }

    private static ParquetColumnPlan? BuildFlat(DataField field, ReaderOptions options, ReadDiagnostics diagnostics)
    {
        var t = field.ClrType;
        var nullable = field.IsNullable;
        var physical = field.SchemaElement?.Type?.ToString() ?? t.Name;
        ColumnSchema Schema(DataKind kind, string sourceType) => new(field.Name, kind, nullable, sourceType);

        if (t == typeof(bool))
        {
            return new ParquetPrimitivePlan<bool, bool, BooleanToBoolean>(Schema(DataKind.Boolean, "BOOLEAN"), field);
        }

        if (field is TimeDataField)
        {
            // TIME values come as integers (micros, millis or nanos of the day) or TimeSpan, by unit.
            var time = Schema(DataKind.Int64, $"TIME({physical})");
            return t == typeof(TimeSpan) ? new ParquetPrimitivePlan<TimeSpan, long, TimeSpanToMicros>(time, field)
                : t == typeof(TimeOnly) ? new ParquetPrimitivePlan<TimeOnly, long, TimeOnlyToMicros>(time, field)
                : t == typeof(int) ? new ParquetPrimitivePlan<int, long, Int32ToInt64>(time, field)
                : t == typeof(long) ? new ParquetPrimitivePlan<long, long, Int64ToInt64>(time, field)
                : Unsupported(field, diagnostics);
        }

        if (t == typeof(sbyte))
        {
            return new ParquetPrimitivePlan<sbyte, long, SByteToInt64>(Schema(DataKind.Int64, "INT8"), field);
        }

        if (t == typeof(byte))
        {
            return new ParquetPrimitivePlan<byte, long, ByteToInt64>(Schema(DataKind.Int64, "UINT8"), field);
        }

        if (t == typeof(short))
        {
            return new ParquetPrimitivePlan<short, long, Int16ToInt64>(Schema(DataKind.Int64, "INT16"), field);
        }

        if (t == typeof(ushort))
        {
            return new ParquetPrimitivePlan<ushort, long, UInt16ToInt64>(Schema(DataKind.Int64, "UINT16"), field);
        }

        if (t == typeof(int))
        {
            return new ParquetPrimitivePlan<int, long, Int32ToInt64>(Schema(DataKind.Int64, "INT32"), field);
        }

        if (t == typeof(uint))
        {
            return new ParquetPrimitivePlan<uint, long, UInt32ToInt64>(Schema(DataKind.Int64, "UINT32"), field);
        }

        if (t == typeof(long))
        {
            return new ParquetPrimitivePlan<long, long, Int64ToInt64>(Schema(DataKind.Int64, "INT64"), field);
        }

        if (t == typeof(ulong))
        {
            return new ParquetPrimitivePlan<ulong, long, UInt64ToInt64>(Schema(DataKind.Int64, "UINT64"), field);
        }

        if (t == typeof(float))
        {
            return new ParquetPrimitivePlan<float, double, SingleToDouble>(Schema(DataKind.Double, "FLOAT"), field);
        }

        if (t == typeof(Half))
        {
            return new ParquetPrimitivePlan<Half, double, HalfToDouble>(Schema(DataKind.Double, "FLOAT16"), field);
        }

        if (t == typeof(double))
        {
            return new ParquetPrimitivePlan<double, double, DoubleToDouble>(Schema(DataKind.Double, "DOUBLE"), field);
        }

        if (t == typeof(decimal))
        {
            var type = field is DecimalDataField d ? $"DECIMAL({d.Precision},{d.Scale})" : "DECIMAL";
            return new ParquetPrimitivePlan<decimal, double, DecimalToDouble>(Schema(DataKind.Double, type), field);
        }

        if (t == typeof(DateTime))
        {
            if (field is DateTimeDataField { DateTimeFormat: DateTimeFormat.Date })
            {
                return new ParquetPrimitivePlan<DateTime, long, DateTimeToMicros>(Schema(DataKind.Date, "DATE"), field);
            }

            var type = field switch
            {
                DateTimeDataField { DateTimeFormat: DateTimeFormat.Impala } => "INT96",
                DateTimeDataField { Unit: { } unit, IsAdjustedToUTC: false } => $"TIMESTAMP({unit.ToString().ToUpperInvariant()},LOCAL)",
                DateTimeDataField { Unit: { } unit } => $"TIMESTAMP({unit.ToString().ToUpperInvariant()})",
                _ => physical == "INT96" ? "INT96" : "TIMESTAMP",
            };
            return new ParquetPrimitivePlan<DateTime, long, DateTimeToMicros>(Schema(DataKind.Timestamp, type), field);
        }

        if (t == typeof(DateTimeOffset))
        {
            return new ParquetPrimitivePlan<DateTimeOffset, long, DateTimeOffsetToMicros>(Schema(DataKind.Timestamp, "TIMESTAMP"), field);
        }

        if (t == typeof(DateOnly))
        {
            return new ParquetPrimitivePlan<DateOnly, long, DateOnlyToMicros>(Schema(DataKind.Date, "DATE"), field);
        }

        if (t == typeof(ReadOnlyMemory<char>) || t == typeof(string))
        {
            return new ParquetStringPlan(Schema(DataKind.String, "STRING"), field);
        }

        if (t == typeof(ReadOnlyMemory<byte>) || t == typeof(byte[]))
        {
            if (!options.BinaryAsBase64)
            {
                diagnostics.AddNote($"column '{field.Name}': binary ({physical}) column skipped.");
                return null;
            }

            diagnostics.AddNote($"column '{field.Name}': binary ({physical}) values read as base64 text.");
            return new ParquetBinaryPlan(Schema(DataKind.String, $"BINARY({physical}) as base64"), field);
        }

        if (t == typeof(Guid))
        {
            return new ParquetFormattedPlan<Guid>(Schema(DataKind.String, "UUID"), field);
        }

        return Unsupported(field, diagnostics);
    }

    private static ParquetMissingPlan Unsupported(DataField field, ReadDiagnostics diagnostics)
    {
        diagnostics.AddNote($"column '{field.Name}': type {field.ClrType.Name} is not supported; its values are read as missing.");
        return new ParquetMissingPlan(new ColumnSchema(field.Name, DataKind.String, true, $"unsupported:{field.ClrType.Name}"));
    }

    private static void Append(StringBuilder text, Field field)
    {
        switch (field)
        {
            case StructField s:
                text.Append("struct<");
                for (var i = 0; i < s.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append(s.Fields[i].Name).Append(':');
                    Append(text, s.Fields[i]);
                }

                text.Append('>');
                break;
            case ListField l:
                text.Append("list<");
                Append(text, l.Item);
                text.Append('>');
                break;
            case MapField m:
                text.Append("map<");
                Append(text, m.Key);
                text.Append(',');
                Append(text, m.Value);
                text.Append('>');
                break;
            case DataField d:
                var name = d.ClrType == typeof(ReadOnlyMemory<char>) ? "string" : d.ClrType.Name.ToLowerInvariant();
                text.Append(d.IsArray ? $"list<{name}>" : name);
                break;
            default:
                text.Append(field.SchemaType.ToString().ToLowerInvariant());
                break;
        }
    }
}
