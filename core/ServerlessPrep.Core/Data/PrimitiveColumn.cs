namespace ServerlessPrep.Core.Data;

/// <summary>A column of unmanaged values with an optional null mask (<c>true</c> = missing).</summary>
public abstract class PrimitiveColumn<T> : Column
    where T : unmanaged
{
    private readonly T[] _values;
    private readonly bool[]? _nulls;

    protected PrimitiveColumn(string name, DataKind kind, T[] values, bool[]? nulls, int length)
        : base(name, kind, length)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < length || (nulls is not null && nulls.Length < length))
        {
            throw new ArgumentException($"Column '{name}': buffers are shorter than the length {length}.");
        }

        _values = values;
        _nulls = nulls;
    }

    /// <summary>Values; the value at a null position is unspecified (usually default).</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Length);

    /// <summary>The same values as <see cref="Values"/>, for APIs that take memory (writers) without a copy.</summary>
    internal ReadOnlyMemory<T> ValuesMemory => _values.AsMemory(0, Length);

    /// <summary>The null mask, or an empty span when the column has no nulls.</summary>
    public ReadOnlySpan<bool> Nulls => _nulls is null ? ReadOnlySpan<bool>.Empty : _nulls.AsSpan(0, Length);

    public bool HasNullMask => _nulls is not null;

    public override bool IsNull(int row) => _nulls is not null && _nulls[row];

    public override object? GetValue(int row) => IsNull(row) ? null : _values[row];
}
