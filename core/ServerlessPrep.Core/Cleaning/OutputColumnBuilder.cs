namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;

/// <summary>Compaction of per-batch arrays to the rows kept (in place, order preserved), and all-missing stand-ins for absent columns.</summary>
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
