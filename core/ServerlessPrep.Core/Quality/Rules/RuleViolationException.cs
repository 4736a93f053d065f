namespace ServerlessPrep.Core.Quality.Rules;

/// <summary>A row failed a rule whose action is <see cref="Specs.RuleAction.Fail"/>: the whole object is quarantined with this message.</summary>
public sealed class RuleViolationException : ServerlessPrepException
{
    public RuleViolationException(string rule, string? column, long rowIndex, string? value, string reason)
        : base($"Rule '{rule}' failed " + (rowIndex < 0 ? "for the object" : $"at row {rowIndex}") + (column is null ? string.Empty : $", column '{column}'") + $": {reason}")
    {
        Rule = rule;
        Column = column;
        RowIndex = rowIndex;
        Value = value;
        Reason = reason;
    }

    public string Rule { get; }

    public string? Column { get; }

    /// <summary>The failing row within the object, or −1 for an object-level rule.</summary>
    public long RowIndex { get; }

    public string? Value { get; }

    public string Reason { get; }
}
