using System.Collections.Immutable;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static ServerlessPrep.Core.Specs.SpecVocabulary;

namespace ServerlessPrep.Core.Specs;

/// <summary>Parses <c>rules:</c>, <c>dedup:</c> and <c>crosses:</c>.</summary>
internal static class RuleSpecParser
{
    public static ImmutableArray<RuleSpec> ParseRules(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode seq)
        {
            r.Error(node, $"{ctx}.rules must be a list of rules like {{ column: amount, check: range, min: 0 }}");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<RuleSpec>();
        foreach (var item in seq)
        {
            if (item is not YamlMappingNode m)
            {
                r.Error(item, $"{ctx}.rules: each rule must be a mapping");
                continue;
            }

            var rule = ParseRule(r, m, ctx);
            if (rule is not null)
            {
                result.Add(rule);
            }
        }

        return result.ToImmutable();
    }

    private static RuleSpec? ParseRule(YamlNodeReader r, YamlMappingNode m, string ctx)
    {
        var c = $"{ctx}.rules (line {m.Start.Line})";
        r.CheckKeys(m, c, "column", "check", "action", "min", "max", "values", "pattern");
        var checkText = r.String(m, "check", c);
        if (checkText is null)
        {
            r.Error(m, $"{c}: a rule needs 'check' (not_null, range, allowed, regex, unique, completeness, row_count)");
            return null;
        }

        var kind = r.Enum(r.Child(m, "check")!, checkText, $"{c}.check", Rules);
        var actionNode = r.Child(m, "action");
        var action = actionNode is null ? RuleAction.Reject : r.Enum(actionNode, r.String(m, "action", c), $"{c}.action", RuleActions) ?? RuleAction.Reject;
        if (kind is null)
        {
            return null;
        }

        var rule = new RuleSpec
        {
            Kind = kind.Value,
            Column = r.String(m, "column", c),
            Action = action,
            Min = r.Number(m, "min", c),
            Max = r.Number(m, "max", c),
            Values = [.. r.StringList(m, "values", c)],
            Pattern = r.String(m, "pattern", c),
            Line = (int)m.Start.Line,
        };
        Validate(r, m, rule, c);
        return rule;
    }

    private static void Validate(YamlNodeReader r, YamlMappingNode m, RuleSpec rule, string c)
    {
        if (rule.Kind != RuleKind.RowCount && rule.Column is null)
        {
            r.Error(m, $"{c}: check '{rule.Kind}' needs a 'column'");
        }

        switch (rule.Kind)
        {
            case RuleKind.Range or RuleKind.RowCount when rule.Min is null && rule.Max is null:
                r.Error(m, $"{c}: a {rule.Kind} check needs 'min' and/or 'max'");
                break;
            case RuleKind.Range or RuleKind.RowCount when rule.Min > rule.Max:
                r.Error(m, $"{c}: min ({rule.Min}) is greater than max ({rule.Max})");
                break;
            case RuleKind.Completeness when rule.Min is not (>= 0 and <= 1):
                r.Error(m, $"{c}: a completeness check needs 'min' between 0 and 1");
                break;
            case RuleKind.Allowed when rule.Values.IsEmpty:
                r.Error(m, $"{c}: an allowed check needs 'values'");
                break;
            case RuleKind.Regex when rule.Pattern is null:
                r.Error(m, $"{c}: a regex check needs 'pattern'");
                break;
            case RuleKind.Regex:
                try
                {
                    _ = new Regex(rule.Pattern!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    r.Error(r.Child(m, "pattern")!, $"{c}: the pattern is not a valid regular expression: {e.Message}");
                }

                break;
        }

        if (rule.Kind is RuleKind.Completeness or RuleKind.RowCount && rule.Action == RuleAction.Reject)
        {
            r.Error(m, $"{c}: a {rule.Kind} check is about the whole object; use action 'warn' or 'fail', not 'reject'");
        }
    }

    public static DedupSpec? ParseDedup(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode m)
        {
            r.Error(node, $"{ctx}.dedup must be a mapping: {{ keys: [order_id], keep: first }}");
            return null;
        }

        r.CheckKeys(m, $"{ctx}.dedup", "keys", "keep");
        var keys = r.StringList(m, "keys", $"{ctx}.dedup");
        if (keys.Count == 0)
        {
            r.Error(m, $"{ctx}.dedup needs at least one key column in 'keys'");
        }

        var keepNode = r.Child(m, "keep");
        var keep = keepNode is null ? DedupKeep.First : r.Enum(keepNode, r.String(m, "keep", $"{ctx}.dedup"), $"{ctx}.dedup.keep", DedupKeeps) ?? DedupKeep.First;
        return new DedupSpec([.. keys], keep);
    }

    public static ImmutableArray<CrossSpec> ParseCrosses(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode seq)
        {
            r.Error(node, $"{ctx}.crosses must be a list like [{{ columns: [a, b], buckets: 64 }}]");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<CrossSpec>();
        foreach (var item in seq)
        {
            if (item is not YamlMappingNode m)
            {
                r.Error(item, $"{ctx}.crosses: each cross must be a mapping with 'columns'");
                continue;
            }

            r.CheckKeys(m, $"{ctx}.crosses", "columns", "buckets");
            var columns = r.StringList(m, "columns", $"{ctx}.crosses");
            if (columns.Count < 2)
            {
                r.Error(m, $"{ctx}.crosses: a cross needs at least two columns");
                continue;
            }

            result.Add(new CrossSpec([.. columns], r.Integer(m, "buckets", $"{ctx}.crosses", 1) ?? 64));
        }

        return result.ToImmutable();
    }
}
