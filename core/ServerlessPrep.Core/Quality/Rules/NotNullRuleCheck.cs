namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

internal sealed class NotNullRuleCheck(RuleSpec spec, int column) : RuleCheck(spec, column)
{
    public override bool Passes(WorkingColumn column, int row) => !column.Nulls[row];

    public override string Reason(WorkingColumn column, int row) => $"{Spec.Column} is missing";
}
