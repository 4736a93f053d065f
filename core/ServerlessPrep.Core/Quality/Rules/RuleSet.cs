namespace ServerlessPrep.Core.Quality.Rules;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

/// <summary>
/// The row-level rules of a spec, compiled once (regexes included) and evaluated column by column over each batch. Every rule
/// sees every row (so evaluated/failed counts are per rule); a row is rejected for the first Reject rule it fails, in spec order.
/// Object-level rules (<see cref="RuleKind.Completeness"/>, <see cref="RuleKind.RowCount"/>) are not row rules and are skipped here.
/// </summary>
internal sealed class RuleSet(IReadOnlyList<RuleCheck> checks)
{
    public IReadOnlyList<RuleCheck> Checks { get; } = checks;

    /// <param name="columnIndex">Working-column index of a column name, or −1.</param>
    /// <param name="kindOf">Kind of the working column at an index.</param>
    public static RuleSet Compile(IEnumerable<RuleSpec> rules, Func<string, int> columnIndex, Func<int, DataKind> kindOf, List<SpecError> errors)
    {
        var checks = new List<RuleCheck>();
        foreach (var rule in rules)
        {
            if (rule.Kind is RuleKind.RowCount || (rule.Kind is RuleKind.Completeness && rule.Column is not null && columnIndex(rule.Column) >= 0))
            {
                continue;
            }

            var index = rule.Column is null ? -1 : columnIndex(rule.Column);
            if (index < 0)
            {
                errors.Add(new SpecError("spec", rule.Line, 0, $"Rule '{rule.Name}': no column '{rule.Column}' in the fit."));
                continue;
            }

            try
            {
                checks.Add(rule.Kind switch
                {
                    RuleKind.NotNull => new NotNullRuleCheck(rule, index),
                    RuleKind.Range => new RangeRuleCheck(rule, index),
                    RuleKind.Allowed => new AllowedRuleCheck(rule, index, kindOf(index)),
                    RuleKind.Regex => new RegexRuleCheck(rule, index, RegexRuleCheck.Compile(rule.Pattern ?? throw new ArgumentException("a regex rule needs a pattern"))),
                    _ => new UniqueRuleCheck(rule, index),
                });
            }
            catch (ArgumentException e)
            {
                errors.Add(new SpecError("spec", rule.Line, 0, $"Rule '{rule.Name}': {e.Message}"));
            }
        }

        return new RuleSet(checks);
    }

    public void Evaluate(WorkingColumn[] columns, RowBatch input, Span<bool> removed, List<RejectedRow> rejected, QualityCounters counters)
    {
        var n = input.RowCount;
        foreach (var check in Checks)
        {
            var column = columns[check.ColumnIndex];
            long failed = 0;
            for (var i = 0; i < n; i++)
            {
                if (check.Passes(column, i))
                {
                    continue;
                }

                failed++;
                var action = check.Spec.Action;
                if (action == RuleAction.Fail)
                {
                    counters.AddRule(check.Name, i + 1, failed);
                    throw new RuleViolationException(check.Name, check.Spec.Column, input.FirstRowIndex + i, column.TextAt(i), check.Reason(column, i));
                }

                if (action == RuleAction.Reject && !removed[i])
                {
                    removed[i] = true;
                    rejected.Add(new RejectedRow(input.FirstRowIndex + i, check.Name, check.Spec.Column, column.TextAt(i), check.Reason(column, i), RowValues(input, i)));
                }
            }

            counters.AddRule(check.Name, n, failed);
        }
    }

    private static Dictionary<string, string?> RowValues(RowBatch input, int row)
    {
        var values = new Dictionary<string, string?>(input.Columns.Length, StringComparer.Ordinal);
        foreach (var c in input.Columns)
        {
            values[c.Name] = c.GetValue(row) switch
            {
                null => null,
                DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var o => o.ToString(),
            };
        }

        return values;
    }
}
