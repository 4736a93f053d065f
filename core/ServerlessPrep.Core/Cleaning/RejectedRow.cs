namespace ServerlessPrep.Core.Cleaning;

/// <summary>A row that failed a <see cref="Specs.RuleAction.Reject"/> rule, bound for quarantine.</summary>
/// <param name="RowIndex">0-based index of the row within its object.</param>
/// <param name="Rule">The rule's stable name, e.g. <c>amount.range</c>.</param>
/// <param name="Column">The rule's column, when it has one.</param>
/// <param name="Value">The offending value as text (null when missing).</param>
/// <param name="Reason">Why the row was rejected, for people.</param>
/// <param name="Row">All input values of the row as text (invariant), by column name.</param>
public sealed record RejectedRow(long RowIndex, string Rule, string? Column, string? Value, string Reason, IReadOnlyDictionary<string, string?> Row);
