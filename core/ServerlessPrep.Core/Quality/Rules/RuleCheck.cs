namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// One compiled row-level rule over one working column. Missing values pass every rule except <see cref="RuleKind.NotNull"/>
/// (completeness is NotNull's job). Stateless except <see cref="UniqueRuleCheck"/>.
/// </summary>
internal abstract class RuleCheck(RuleSpec spec, int column)
{
    public RuleSpec Spec { get; } = spec;

    public string Name { get; } = spec.Name;

    /// <summary>Index of the rule's column among the pipeline's working columns.</summary>
    public int ColumnIndex { get; } = column;

    /// <summary>Whether the row passes.</summary>
    public abstract bool Passes(WorkingColumn column, int row);

    /// <summary>Human reason for a failing row.</summary>
    public abstract string Reason(WorkingColumn column, int row);

    /// <summary>A row's value for a reason: text quoted, numbers bare, <c>missing</c> when null.</summary>
    public static string Show(WorkingColumn column, int row) => column.IsText ? Quote(column.TextAt(row)) : column.TextAt(row) ?? "missing";

    public static string Quote(string? value) => value is null ? "missing" : $"'{(value.Length > 80 ? value[..80] + "…" : value)}'";
}
