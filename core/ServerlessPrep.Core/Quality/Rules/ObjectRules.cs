using System.Globalization;

namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Object-level rules, evaluated once per object from counts gathered while batches were applied: <see cref="RuleKind.RowCount"/>
/// on input rows within [Min, Max]; <see cref="RuleKind.Completeness"/> as the share of non-missing values (after coercion,
/// before imputation) ≥ Min.
/// </summary>
internal sealed class ObjectRules(IReadOnlyList<(RuleSpec Rule, int Column)> rules)
{
    private readonly Dictionary<int, long> _missing = [];

    public IReadOnlyList<(RuleSpec Rule, int Column)> Rules { get; } = rules;

    public void Observe(WorkingColumn[] work, int n)
    {
        foreach (var (rule, column) in Rules)
        {
            if (rule.Kind == RuleKind.Completeness && work[column].HasNulls)
            {
                _missing[column] = _missing.GetValueOrDefault(column) + work[column].Nulls.AsSpan(0, n).Count(true);
            }
        }
    }

    public List<ObjectRuleResult> Evaluate(long rows)
    {
        var results = new List<ObjectRuleResult>(Rules.Count);
        foreach (var (rule, column) in Rules)
        {
            if (rule.Kind == RuleKind.RowCount)
            {
                var passed = rows >= (rule.Min ?? 0) && rows <= (rule.Max ?? double.PositiveInfinity);
                results.Add(new ObjectRuleResult(rule.Name, rule.Action, passed, string.Create(CultureInfo.InvariantCulture,
                    $"{rows} rows; expected [{rule.Min ?? 0}, {(rule.Max is { } max ? max.ToString(CultureInfo.InvariantCulture) : "inf")}]")));
                continue;
            }

            var share = rows == 0 ? 1.0 : 1.0 - (double)_missing.GetValueOrDefault(column) / rows;
            results.Add(new ObjectRuleResult(rule.Name, rule.Action, share >= (rule.Min ?? 1.0), string.Create(CultureInfo.InvariantCulture,
                $"{rule.Column} is {share:P2} complete; expected at least {rule.Min ?? 1.0:P2}")));
        }

        return results;
    }
}
