namespace ServerlessPrep.Core;

/// <summary>
/// An input object cannot be processed as it is (corrupt, truncated, empty, ragged CSV, uncoercible type change...).
/// The object is quarantined with <see cref="Exception.Message"/> as the reason; retrying will not help.
/// </summary>
public sealed class InvalidDataObjectException : ServerlessPrepException
{
    public InvalidDataObjectException(string objectKey, string message, string? column = null, long? line = null, Exception? inner = null)
        : base(Compose(objectKey, message, column, line), inner)
    {
        ObjectKey = objectKey;
        Column = column;
        Line = line;
        Detail = message;
    }

    public string ObjectKey { get; }

    public string? Column { get; }

    /// <summary>1-based line (CSV/JSONL) or row number where the fault was found, when known.</summary>
    public long? Line { get; }

    /// <summary>What was wrong and what was expected, without the location prefix.</summary>
    public string Detail { get; }

    private static string Compose(string key, string message, string? column, long? line)
    {
        var where = key;
        if (line is not null)
        {
            where += $", line {line}";
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {message}";
    }
}
