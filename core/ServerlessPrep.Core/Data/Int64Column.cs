namespace ServerlessPrep.Core.Data;

/// <summary>
/// 64-bit integers; also the storage of <see cref="DataKind.Timestamp"/> and <see cref="DataKind.Date"/>
/// (microseconds since the Unix epoch, UTC).
/// </summary>
public sealed class Int64Column : PrimitiveColumn<long>
{
    public Int64Column(string name, long[] values, bool[]? nulls, int length, DataKind kind = DataKind.Int64)
        : base(name, kind, values, nulls, length)
    {
        if (kind is not (DataKind.Int64 or DataKind.Timestamp or DataKind.Date))
        {
            throw new ArgumentException($"Column '{name}': an Int64Column cannot hold {kind}.", nameof(kind));
        }
    }

    public override object? GetValue(int row)
    {
        if (IsNull(row))
        {
            return null;
        }

        return Kind == DataKind.Int64 ? Values[row] : TimeUnits.ToDateTime(Values[row]);
    }
}
