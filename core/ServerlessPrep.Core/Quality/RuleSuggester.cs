using System.Collections.Immutable;
using System.Globalization;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Quality;

/// <summary>
/// Proposes quality rules from a (dataset) profile, in the spirit of Deequ's suggestion rules: retain completeness,
/// non-negative, categorical range, unique-if-approximately-unique. The rules are warnings: a person decides what to enforce.
/// </summary>
public static class RuleSuggester
{
    /// <summary>Categorical range is proposed up to this many distinct values.</summary>
    public const int MaxCategories = 20;

    public static ImmutableArray<RuleSpec> Suggest(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rules = ImmutableArray.CreateBuilder<RuleSpec>();
        foreach (var c in profile.Columns)
        {
            if (c.RowCount == 0 || c.Kind == DataKind.Nested)
            {
                continue;
            }

            if (c.NullCount == 0)
            {
                rules.Add(new RuleSpec { Kind = RuleKind.NotNull, Column = c.Name, Action = RuleAction.Warn });
            }
            else
            {
                // Retain completeness: allow a little less than seen (floor to two decimals), as Deequ does.
                var completeness = Math.Floor((1.0 - ((double)c.NullCount / c.RowCount)) * 100) / 100;
                if (completeness > 0)
                {
                    rules.Add(new RuleSpec { Kind = RuleKind.Completeness, Column = c.Name, Min = completeness, Action = RuleAction.Warn });
                }
            }

            if (c.Kind is DataKind.Int64 or DataKind.Double && c.Min >= 0)
            {
                rules.Add(new RuleSpec { Kind = RuleKind.Range, Column = c.Name, Min = 0, Action = RuleAction.Warn });
            }

            var nonNull = c.RowCount - c.NullCount;
            if (c.Kind is DataKind.String or DataKind.Int64 && c.DistinctEstimate >= 0.99 * nonNull && nonNull > 1)
            {
                rules.Add(new RuleSpec { Kind = RuleKind.Unique, Column = c.Name, Action = RuleAction.Warn });
            }
            else if (c.Kind == DataKind.String && c.DistinctEstimate <= MaxCategories && c.TopValues(MaxCategories + 1) is { Count: > 0 and <= MaxCategories } top)
            {
                rules.Add(new RuleSpec
                {
                    Kind = RuleKind.Allowed,
                    Column = c.Name,
                    Values = [.. top.Select(t => t.Value).Order(StringComparer.Ordinal)],
                    Action = RuleAction.Warn,
                });
            }
        }

        return rules.ToImmutable();
    }

    /// <summary>A spec fragment to paste: the dataset name and the suggested rules.</summary>
    public static string ToYaml(string dataset, ImmutableArray<RuleSpec> rules)
        => SpecWriter.Write([new DatasetSpec { Name = dataset, Match = [dataset + "/**"], Rules = rules }])
            + string.Create(CultureInfo.InvariantCulture, $"# {rules.Length} suggested rules (action: warn); change to reject or fail to enforce.\n");
}
