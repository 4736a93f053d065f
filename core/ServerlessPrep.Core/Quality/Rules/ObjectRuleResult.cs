namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Specs;

/// <summary>The verdict of an object-level rule (<see cref="RuleKind.Completeness"/>, <see cref="RuleKind.RowCount"/>) once all batches are applied.</summary>
public sealed record ObjectRuleResult(string Rule, RuleAction Action, bool Passed, string Reason);
