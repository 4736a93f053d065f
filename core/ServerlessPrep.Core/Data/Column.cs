namespace ServerlessPrep.Core.Data;

/// <summary>
/// The values of one column for the rows of one batch. Backing arrays may be longer than <see cref="Length"/>
/// (readers reuse buffers): only the first <see cref="Length"/> elements are meaningful, and a batch is only valid
/// until the reader produces the next one.
/// </summary>
public abstract class Column
{
    protected Column(string name, DataKind kind, int length)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Kind = kind;
        Length = length;
    }

    public string Name { get; }

    public DataKind Kind { get; }

    public int Length { get; }

    public abstract bool IsNull(int row);

    /// <summary>The value of a row as an object (boxing; for diagnostics, quarantine rows and tests, not hot paths).</summary>
    public abstract object? GetValue(int row);

    public int CountNulls()
    {
        var nulls = 0;
        for (var i = 0; i < Length; i++)
        {
            if (IsNull(i))
            {
                nulls++;
            }
        }

        return nulls;
    }
}
