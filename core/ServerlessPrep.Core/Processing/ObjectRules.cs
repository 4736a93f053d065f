using System.Globalization;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Processing;

/// <summary>Rules about the whole object (completeness, row count), checked on its profile after the rows were read.</summary>
internal static class ObjectRules
{
    /// <summary>Throws <see cref="InvalidDataObjectException"/> for the first failing rule with action <c>fail</c>; returns warnings for the rest.</summary>
    public static IReadOnlyList<string> Enforce(DatasetSpec spec, ObjectProfile profile, string objectKey)
    {
        var warnings = new List<string>();
        foreach (var rule in spec.Rules)
        {
            var failure = rule.Kind switch
            {
                RuleKind.RowCount => CheckRowCount(rule, profile.RowCount),
                RuleKind.Completeness => CheckCompleteness(rule, profile),
                _ => null,
            };
            if (failure is null)
            {
                continue;
            }

            if (rule.Action == RuleAction.Fail)
            {
                throw new InvalidDataObjectException(objectKey, $"rule '{rule.Name}' failed: {failure}", rule.Column);
            }

            warnings.Add($"{rule.Name}: {failure}");
        }

        return warnings;
    }

    private static string? CheckRowCount(RuleSpec rule, long rows)
        => rows < (rule.Min ?? double.MinValue) || rows > (rule.Max ?? double.MaxValue)
            ? string.Create(CultureInfo.InvariantCulture, $"{rows} rows, expected between {rule.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {rule.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}")
            : null;

    private static string? CheckCompleteness(RuleSpec rule, ObjectProfile profile)
    {
        if (rule.Column is null || !profile.Statistics.TryGetValue(rule.Column, out var stats))
        {
            return $"column '{rule.Column}' is not in the object";
        }

        var completeness = stats.RowCount == 0 ? 1.0 : 1.0 - (double)stats.NullCount / stats.RowCount;
        return completeness < rule.Min
            ? string.Create(CultureInfo.InvariantCulture, $"{completeness:P2} of values present, expected at least {rule.Min:P2}")
            : null;
    }
}
