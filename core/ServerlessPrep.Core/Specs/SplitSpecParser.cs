using System.Globalization;
using YamlDotNet.RepresentationModel;
using static ServerlessPrep.Core.Specs.SpecVocabulary;

namespace ServerlessPrep.Core.Specs;

/// <summary>Parses <c>split:</c>.</summary>
internal static class SplitSpecParser
{
    public static SplitSpec Parse(YamlNodeReader r, YamlNode? node, string ctx)
    {
        if (node is null)
        {
            return new SplitSpec();
        }

        var c = $"{ctx}.split";
        if (node is not YamlMappingNode m)
        {
            r.Error(node, $"{c} must be a mapping: {{ by: customer_id, salt: v1, train: 0.8, validation: 0.1, test: 0.1 }}");
            return new SplitSpec();
        }

        r.CheckKeys(m, c, "method", "by", "salt", "train", "validation", "test", "validationFrom", "testFrom");
        var methodNode = r.Child(m, "method");
        var defaults = new SplitSpec();
        var spec = new SplitSpec
        {
            Method = methodNode is null ? SplitMethod.Hash : r.Enum(methodNode, r.String(m, "method", c), $"{c}.method", SplitMethods) ?? SplitMethod.Hash,
            GroupColumn = r.String(m, "by", c),
            Salt = r.String(m, "salt", c) ?? defaults.Salt,
            Train = r.Number(m, "train", c) ?? defaults.Train,
            Validation = r.Number(m, "validation", c) ?? defaults.Validation,
            Test = r.Number(m, "test", c) ?? defaults.Test,
            ValidationFrom = Time(r, m, "validationFrom", c),
            TestFrom = Time(r, m, "testFrom", c),
        };

        if (spec.Train < 0 || spec.Validation < 0 || spec.Test < 0 || Math.Abs(spec.Train + spec.Validation + spec.Test - 1) > 1e-9)
        {
            r.Error(m, $"{c}: train + validation + test must be non-negative and add up to 1, got {spec.Train} + {spec.Validation} + {spec.Test}");
        }

        if (spec.Method == SplitMethod.Time)
        {
            if (spec.ValidationFrom is null || spec.TestFrom is null)
            {
                r.Error(m, $"{c}: a time split needs 'validationFrom' and 'testFrom' (ISO 8601 instants)");
            }
            else if (spec.ValidationFrom > spec.TestFrom)
            {
                r.Error(m, $"{c}: validationFrom must not be after testFrom");
            }
        }

        return spec;
    }

    private static DateTimeOffset? Time(YamlNodeReader r, YamlMappingNode m, string key, string c)
    {
        var text = r.String(m, key, c);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        r.Error(r.Child(m, key)!, $"{c}.{key} must be an ISO 8601 date or instant, got '{text}'");
        return null;
    }
}
