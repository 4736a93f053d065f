namespace ServerlessPrep.Core.Processing;

/// <summary>Rows [<see cref="FirstRow"/>, <see cref="FirstRow"/> + <see cref="RowCount"/>) of an object, counted from 0 over the whole object.</summary>
internal readonly record struct RowRange(long FirstRow, long RowCount)
{
    public long EndRow => FirstRow + RowCount;
}
