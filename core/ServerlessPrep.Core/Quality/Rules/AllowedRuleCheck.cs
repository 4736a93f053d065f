namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>The value is one of <see cref="RuleSpec.Values"/> (ordinal text match; numeric columns compare numerically).</summary>
internal sealed class AllowedRuleCheck : RuleCheck
{
    private readonly HashSet<string> _texts;
    private readonly HashSet<double> _numbers = [];

    public AllowedRuleCheck(RuleSpec spec, int column, Data.DataKind kind)
        : base(spec, column)
    {
        _texts = new HashSet<string>(spec.Values, StringComparer.Ordinal);
        foreach (var v in spec.Values)
        {
            if (ValueParser.TryParseNumber(kind, v, out var x))
            {
                _numbers.Add(x);
            }
        }
    }

    public override bool Passes(WorkingColumn column, int row) =>
        column.Nulls[row] || (column.Numbers is { } numbers ? _numbers.Contains(numbers[row]) : _texts.Contains(column.Texts![row]!));

    public override string Reason(WorkingColumn column, int row) =>
        $"{Spec.Column} = {Show(column, row)} is not one of [{string.Join(", ", Spec.Values)}]";
}
