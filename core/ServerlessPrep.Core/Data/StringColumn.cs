namespace ServerlessPrep.Core.Data;

/// <summary>Text values; a <c>null</c> element is a missing value. Also carries <see cref="DataKind.Nested"/> values as JSON text.</summary>
public sealed class StringColumn : Column
{
    private readonly string?[] _values;

    public StringColumn(string name, string?[] values, int length, DataKind kind = DataKind.String)
        : base(name, kind, length)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < length)
        {
            throw new ArgumentException($"Column '{name}': buffer is shorter than the length {length}.");
        }

        if (kind is not (DataKind.String or DataKind.Nested))
        {
            throw new ArgumentException($"Column '{name}': a StringColumn cannot hold {kind}.", nameof(kind));
        }

        _values = values;
    }

    public ReadOnlySpan<string?> Values => _values.AsSpan(0, Length);

    public override bool IsNull(int row) => _values[row] is null;

    public override object? GetValue(int row) => _values[row];
}
