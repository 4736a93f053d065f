namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;

/// <summary>Compaction of per-batch arrays to the rows kept (in place, order preserved) and filtered copies of kept columns.</summary>
internal static class OutputColumnBuilder
{
    /// <summary>Moves the elements of rows not removed to the front; returns how many.</summary>
    public static int Compact<T>(T[] values, ReadOnlySpan<bool> removed)
    {
        var j = 0;
        for (var i = 0; i < removed.Length; i++)
        {
            if (!removed[i])
            {
                values[j++] = values[i];
            }
        }

        return j;
    }

    /// <summary>A copy of the rows not removed of a (coerced) column, with its own buffers.</summary>
    public static Column Filter(Column column, ReadOnlySpan<bool> removed, int kept)
    {
        switch (column)
        {
            case StringColumn s:
                {
                    var values = s.Values.ToArray();
                    Compact(values, removed);
                    return new StringColumn(s.Name, values, kept, s.Kind);
                }

            case Int64Column l:
                return new Int64Column(l.Name, Copy(l.Values, removed), CopyNulls(l.Nulls, removed), kept, l.Kind);
            case DoubleColumn d:
                return new DoubleColumn(d.Name, Copy(d.Values, removed), CopyNulls(d.Nulls, removed), kept);
            case BooleanColumn b:
                return new BooleanColumn(b.Name, Copy(b.Values, removed), CopyNulls(b.Nulls, removed), kept);
            default:
                throw new NotSupportedException($"Column '{column.Name}': unsupported column type {column.GetType().Name}.");
        }
    }

    private static T[] Copy<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> removed)
    {
        var copy = values.ToArray();
        Compact(copy, removed);
        return copy;
    }

    private static bool[]? CopyNulls(ReadOnlySpan<bool> nulls, ReadOnlySpan<bool> removed) => nulls.IsEmpty ? null : Copy(nulls, removed);

    /// <summary>An all-missing column of a kind, for a fitted column absent from the input.</summary>
    public static Column Missing(string name, DataKind kind, int n)
    {
        var nulls = new bool[n];
        Array.Fill(nulls, true);
        return kind switch
        {
            DataKind.String or DataKind.Nested => new StringColumn(name, new string?[n], n, kind),
            DataKind.Double => new DoubleColumn(name, new double[n], nulls, n),
            DataKind.Boolean => new BooleanColumn(name, new bool[n], nulls, n),
            _ => new Int64Column(name, new long[n], nulls, n, kind),
        };
    }
}
