namespace ServerlessPrep.Core.Cleaning;

/// <summary>
/// An input schema cannot be prepared with a fit, found before any data is read: a column's kind cannot be coerced to the
/// kind it was fitted as, or a required column is absent. The object is quarantined with this message.
/// </summary>
public sealed class SchemaMismatchException : ServerlessPrepException
{
    public SchemaMismatchException(string column, string expected, string actual, string? detail = null)
        : base($"Column '{column}': expected {expected}, found {actual}" + (detail is null ? "." : $" ({detail})."))
    {
        Column = column;
        Expected = expected;
        Actual = actual;
    }

    public string Column { get; }

    public string Expected { get; }

    public string Actual { get; }
}
