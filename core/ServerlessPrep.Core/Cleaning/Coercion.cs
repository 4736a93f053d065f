namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;

/// <summary>
/// Converts a column to the kind it was fitted as. Text is parsed (failures become missing and are counted); Int64 ↔ Double,
/// Boolean → numbers, numbers → Boolean (0/1 only), Timestamp ↔ Date and anything → String are allowed. Numbers ↔ instants
/// (unknown units) and Nested → non-text are not: <see cref="CanCoerce"/> is checked before any data is read.
/// </summary>
internal static class Coercion
{
    public static bool CanCoerce(DataKind from, DataKind to)
    {
        if (from == to || to is DataKind.String || (from is DataKind.String && to is DataKind.Nested))
        {
            return true;
        }

        return from switch
        {
            DataKind.String => true,
            DataKind.Int64 or DataKind.Double or DataKind.Boolean => to is DataKind.Int64 or DataKind.Double or DataKind.Boolean,
            DataKind.Timestamp or DataKind.Date => to is DataKind.Timestamp or DataKind.Date,
            _ => false,
        };
    }

    /// <summary>The column as <paramref name="to"/>; <paramref name="failures"/> counts non-missing values that could not be converted.</summary>
    public static Column Coerce(Column column, DataKind to, out int failures)
    {
        failures = 0;
        if (column.Kind == to)
        {
            return column;
        }

        var n = column.Length;
        if (to is DataKind.String or DataKind.Nested)
        {
            var texts = new string?[n];
            var work = column is StringColumn ? null : WorkingColumn.From(column);
            for (var i = 0; i < n; i++)
            {
                texts[i] = work is null ? (string?)column.GetValue(i) : work.Nulls[i] ? null : WorkingColumn.RenderNumber(column.Kind, work.Numbers![i]);
            }

            return new StringColumn(column.Name, texts, n, to);
        }

        var nulls = new bool[n];
        if (column is StringColumn s)
        {
            return FromText(s, to, nulls, ref failures);
        }

        var source = WorkingColumn.From(column);
        var x = source.Numbers!;
        source.Nulls.CopyTo(nulls, 0);
        if (to == DataKind.Double)
        {
            return new DoubleColumn(column.Name, x, nulls, n);
        }

        if (to == DataKind.Boolean)
        {
            var bools = new bool[n];
            for (var i = 0; i < n; i++)
            {
                bools[i] = x[i] == 1;
                failures += Fail(nulls, i, !nulls[i] && x[i] != 0 && x[i] != 1);
            }

            return new BooleanColumn(column.Name, bools, nulls, n);
        }

        var longs = new long[n];
        var fromInstant = column.Kind is DataKind.Timestamp or DataKind.Date;
        var exact = column is Int64Column exactColumn ? exactColumn.Values : default;
        for (var i = 0; i < n; i++)
        {
            longs[i] = fromInstant && to == DataKind.Date ? ValueParser.FloorToDay(exact[i]) : !exact.IsEmpty ? exact[i] : (long)x[i];
            failures += Fail(nulls, i, !nulls[i] && exact.IsEmpty && (x[i] != Math.Floor(x[i]) || Math.Abs(x[i]) >= 9.2e18));
        }

        return new Int64Column(column.Name, longs, nulls, n, to);
    }

    private static Column FromText(StringColumn s, DataKind to, bool[] nulls, ref int failures)
    {
        var n = s.Length;
        var values = s.Values;
        var numbers = to == DataKind.Double ? new double[n] : null;
        var longs = to is DataKind.Int64 or DataKind.Timestamp or DataKind.Date ? new long[n] : null;
        var bools = to == DataKind.Boolean ? new bool[n] : null;
        for (var i = 0; i < n; i++)
        {
            var v = values[i];
            if (v is null)
            {
                nulls[i] = true;
                continue;
            }

            var ok = to switch
            {
                DataKind.Double => ValueParser.TryParseDouble(v, out numbers![i]),
                DataKind.Int64 => ValueParser.TryParseInt64(v, out longs![i]),
                DataKind.Timestamp => ValueParser.TryParseTimestamp(v, out longs![i]),
                DataKind.Date => ValueParser.TryParseDate(v, out longs![i]),
                _ => ValueParser.TryParseBoolean(v, out bools![i]),
            };
            failures += Fail(nulls, i, !ok);
        }

        return to switch
        {
            DataKind.Double => new DoubleColumn(s.Name, numbers!, nulls, n),
            DataKind.Boolean => new BooleanColumn(s.Name, bools!, nulls, n),
            _ => new Int64Column(s.Name, longs!, nulls, n, to),
        };
    }

    private static int Fail(bool[] nulls, int row, bool failed)
    {
        if (failed)
        {
            nulls[row] = true;
            return 1;
        }

        return 0;
    }
}
