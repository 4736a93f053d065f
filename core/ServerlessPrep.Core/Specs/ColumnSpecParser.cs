using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;
using static ServerlessPrep.Core.Specs.SpecVocabulary;

namespace ServerlessPrep.Core.Specs;

/// <summary>Parses the <c>columns:</c> mapping of a dataset (column name → settings, or → a transform word as shorthand).</summary>
internal static class ColumnSpecParser
{
    private static readonly string[] ColumnKeys = ["type", "drop", "trim", "case", "impute", "outliers", "transform"];

    public static ImmutableArray<ColumnSpec> Parse(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode map)
        {
            r.Error(node, $"{ctx}.columns must be a mapping of column name to settings");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ColumnSpec>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value;
            if (string.IsNullOrEmpty(name))
            {
                r.Error(keyNode, $"{ctx}.columns: column names must be text");
                continue;
            }

            var cctx = $"{ctx}, column '{name}'";
            var line = (int)keyNode.Start.Line;
            switch (valueNode)
            {
                case YamlScalarNode shorthand:
                    result.Add(new ColumnSpec { Name = name, Line = line, Transform = ParseTransform(r, shorthand, cctx) });
                    break;
                case YamlMappingNode settings:
                    result.Add(ParseColumn(r, name, settings, cctx, line));
                    break;
                default:
                    r.Error(valueNode, $"{cctx}: expected a mapping of settings or a transform name");
                    break;
            }
        }

        return result.ToImmutable();
    }

    private static ColumnSpec ParseColumn(YamlNodeReader r, string name, YamlMappingNode map, string ctx, int line)
    {
        r.CheckKeys(map, ctx, ColumnKeys);
        var typeNode = r.Child(map, "type");
        var caseNode = r.Child(map, "case");
        return new ColumnSpec
        {
            Name = name,
            Line = line,
            Type = typeNode is null ? null : r.Enum(typeNode, r.String(map, "type", ctx), $"{ctx}.type", Kinds),
            Drop = r.Boolean(map, "drop", ctx) ?? false,
            Trim = r.Boolean(map, "trim", ctx) ?? false,
            Case = caseNode is null ? TextCase.None : r.Enum(caseNode, r.String(map, "case", ctx), $"{ctx}.case", Cases) ?? TextCase.None,
            Impute = ParseImpute(r, r.Child(map, "impute"), ctx),
            Outliers = ParseOutliers(r, r.Child(map, "outliers"), ctx),
            Transform = r.Child(map, "transform") is { } t ? ParseTransform(r, t, ctx) : null,
        };
    }

    private static ImputeSpec? ParseImpute(YamlNodeReader r, YamlNode? node, string ctx)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode s:
                var strategy = r.Enum(s, s.Value, $"{ctx}.impute", Imputes);
                if (strategy == ImputeStrategy.Constant)
                {
                    r.Error(s, $"{ctx}.impute: 'constant' needs a value: {{ strategy: constant, value: ... }}");
                }

                return strategy is null ? null : new ImputeSpec(strategy.Value);
            case YamlMappingNode m:
                r.CheckKeys(m, $"{ctx}.impute", "strategy", "value", "indicator");
                var strategyText = r.String(m, "strategy", $"{ctx}.impute");
                if (strategyText is null)
                {
                    r.Error(m, $"{ctx}.impute needs a 'strategy' (mean, median, mode, constant, none)");
                    return null;
                }

                var parsed = r.Enum(r.Child(m, "strategy")!, strategyText, $"{ctx}.impute.strategy", Imputes);
                var value = r.String(m, "value", $"{ctx}.impute");
                if (parsed == ImputeStrategy.Constant && value is null)
                {
                    r.Error(m, $"{ctx}.impute: strategy 'constant' needs a 'value'");
                }

                return parsed is null ? null : new ImputeSpec(parsed.Value, value, r.Boolean(m, "indicator", $"{ctx}.impute") ?? false);
            default:
                r.Error(node, $"{ctx}.impute must be a strategy name or a mapping");
                return null;
        }
    }

    private static OutlierSpec? ParseOutliers(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode m)
        {
            r.Error(node, $"{ctx}.outliers must be a mapping: {{ method: iqr|zscore, k: 1.5, action: clip|winsorize|drop }}");
            return null;
        }

        var c = $"{ctx}.outliers";
        r.CheckKeys(m, c, "method", "k", "action", "fraction");
        var method = r.Enum(r.Child(m, "method") ?? m, r.String(m, "method", c) ?? "iqr", $"{c}.method", OutlierMethods) ?? OutlierMethod.Iqr;
        var action = r.Enum(r.Child(m, "action") ?? m, r.String(m, "action", c) ?? "clip", $"{c}.action", OutlierActions) ?? OutlierAction.Clip;
        var k = r.Number(m, "k", c) ?? (method == OutlierMethod.Iqr ? 1.5 : 3.0);
        if (k <= 0)
        {
            r.Error(r.Child(m, "k")!, $"{c}.k must be positive");
        }

        var fraction = r.Number(m, "fraction", c) ?? 0.01;
        if (fraction is <= 0 or >= 0.5)
        {
            r.Error(r.Child(m, "fraction")!, $"{c}.fraction must be in (0, 0.5)");
        }

        return new OutlierSpec(method, k, action, fraction);
    }

    private static TransformSpec? ParseTransform(YamlNodeReader r, YamlNode node, string ctx)
    {
        if (node is YamlScalarNode s)
        {
            var kind = r.Enum(s, s.Value, $"{ctx}.transform", Transforms);
            return kind is null ? null : new TransformSpec { Kind = kind.Value };
        }

        if (node is not YamlMappingNode m)
        {
            r.Error(node, $"{ctx}.transform must be a transform name or a mapping with 'kind'");
            return null;
        }

        var c = $"{ctx}.transform";
        r.CheckKeys(m, c, "kind", "bins", "topK", "buckets", "cyclical");
        var kindText = r.String(m, "kind", c);
        if (kindText is null)
        {
            r.Error(m, $"{c} needs a 'kind'");
            return null;
        }

        var parsed = r.Enum(r.Child(m, "kind")!, kindText, $"{c}.kind", Transforms);
        return parsed is null ? null : new TransformSpec
        {
            Kind = parsed.Value,
            Bins = r.Integer(m, "bins", c, 2) ?? 10,
            TopK = r.Integer(m, "topK", c, 1) ?? 20,
            Buckets = r.Integer(m, "buckets", c, 1) ?? 32,
            Cyclical = r.Boolean(m, "cyclical", c) ?? true,
        };
    }
}
