using System.Globalization;

namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;

/// <summary>
/// One column of one batch while it moves through the stages: the coerced column (exact values, for keys and Keep),
/// a mutable numeric or text copy (trimmed, imputed, clipped in place) and a null mask. Owned by one Apply call.
/// </summary>
internal sealed class WorkingColumn
{
    private WorkingColumn(string name, Column coerced, double[]? numbers, string?[]? texts, bool[] nulls, bool hasNulls)
    {
        Name = name;
        Coerced = coerced;
        Numbers = numbers;
        Texts = texts;
        Nulls = nulls;
        HasNulls = hasNulls;
    }

    public string Name { get; }

    public DataKind Kind => Coerced.Kind;

    public Column Coerced { get; }

    public int Length => Coerced.Length;

    /// <summary>Values as doubles for Boolean (0/1), Int64, Double, Timestamp and Date (microseconds); null for text kinds.</summary>
    public double[]? Numbers { get; }

    /// <summary>Values for String and Nested kinds (after trim/case); null for other kinds until <see cref="EnsureTexts"/>.</summary>
    public string?[]? Texts { get; private set; }

    /// <summary>true = missing.</summary>
    public bool[] Nulls { get; }

    public bool HasNulls { get; set; }

    public bool IsText => Coerced.Kind is DataKind.String or DataKind.Nested;

    /// <param name="coerced">The column, already of its fitted kind.</param>
    /// <param name="buffers">Where to rent the working arrays (null: allocate).</param>
    public static WorkingColumn From(Column coerced, BatchBuffers? buffers = null)
    {
        var n = coerced.Length;
        var nulls = buffers?.Bools(n, clear: false) ?? new bool[n];
        var hasNulls = false;
        switch (coerced)
        {
            case StringColumn s:
                {
                    var texts = buffers?.Strings(n) ?? new string?[n];
                    var values = s.Values;
                    values.CopyTo(texts);
                    for (var i = 0; i < values.Length; i++)
                    {
                        var isNull = values[i] is null;
                        nulls[i] = isNull;
                        hasNulls |= isNull;
                    }

                    return new WorkingColumn(coerced.Name, coerced, null, texts, nulls, hasNulls);
                }

            case DoubleColumn d:
                {
                    var numbers = buffers?.Doubles(n, clear: false) ?? new double[n];
                    d.Values.CopyTo(numbers);
                    hasNulls = CopyNulls(d.Nulls, nulls, n);
                    return new WorkingColumn(coerced.Name, coerced, numbers, null, nulls, hasNulls);
                }

            case Int64Column l:
                {
                    var numbers = buffers?.Doubles(n, clear: false) ?? new double[n];
                    var values = l.Values;
                    for (var i = 0; i < n; i++)
                    {
                        numbers[i] = values[i];
                    }

                    hasNulls = CopyNulls(l.Nulls, nulls, n);
                    return new WorkingColumn(coerced.Name, coerced, numbers, null, nulls, hasNulls);
                }

            case BooleanColumn b:
                {
                    var numbers = buffers?.Doubles(n, clear: false) ?? new double[n];
                    var values = b.Values;
                    for (var i = 0; i < n; i++)
                    {
                        numbers[i] = values[i] ? 1.0 : 0.0;
                    }

                    hasNulls = CopyNulls(b.Nulls, nulls, n);
                    return new WorkingColumn(coerced.Name, coerced, numbers, null, nulls, hasNulls);
                }

            default:
                throw new NotSupportedException($"Column '{coerced.Name}' has an unsupported column type {coerced.GetType().Name}.");
        }
    }

    /// <summary>Text form of every value (non-text kinds rendered invariantly, as <see cref="CanonicalValue"/> does); allocates once.</summary>
    public string?[] EnsureTexts()
    {
        if (Texts is not null)
        {
            return Texts;
        }

        var texts = new string?[Length];
        var exact = Coerced is Int64Column { Kind: DataKind.Int64 } l ? l.Values : default;
        for (var i = 0; i < texts.Length; i++)
        {
            // Integers beyond 2^53 are not exact as doubles: render the original unless imputation or clipping changed it.
            texts[i] = Nulls[i] ? null
                : !exact.IsEmpty && (double)exact[i] == Numbers![i] && !Coerced.IsNull(i) ? exact[i].ToString(CultureInfo.InvariantCulture)
                : RenderNumber(Kind, Numbers![i]);
        }

        Texts = texts;
        return texts;
    }

    /// <summary>The value of one row as text (exact for Int64, timestamps and dates), without caching; for rules and diagnostics.</summary>
    public string? TextAt(int row)
    {
        if (Nulls[row])
        {
            return null;
        }

        if (Texts is not null)
        {
            return Texts[row];
        }

        return Coerced is Int64Column { Kind: DataKind.Int64 } l ? l.Values[row].ToString(CultureInfo.InvariantCulture) : RenderNumber(Kind, Numbers![row]);
    }

    internal static string RenderNumber(DataKind kind, double value) => kind switch
    {
        DataKind.Boolean => value != 0 ? "true" : "false",
        DataKind.Int64 => ((long)value).ToString(CultureInfo.InvariantCulture),
        DataKind.Timestamp => TimeUnits.ToDateTime((long)value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DataKind.Date => TimeUnits.ToDateTime((long)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static bool CopyNulls(ReadOnlySpan<bool> source, bool[] target, int n)
    {
        if (source.IsEmpty)
        {
            Array.Clear(target, 0, n);
            return false;
        }

        source.CopyTo(target);
        return source.Contains(true);
    }
}
