using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ServerlessPrep.Core.Specs;

/// <summary>Typed access to YAML nodes that records every problem with its line and column instead of stopping at the first.</summary>
internal sealed class YamlNodeReader(string file)
{
    private readonly List<SpecError> _errors = [];

    public IReadOnlyList<SpecError> Errors => _errors;

    public void Error(YamlNode node, string message)
        => _errors.Add(new SpecError(file, (int)node.Start.Line, (int)node.Start.Column, message));

    public void Error(int line, int column, string message) => _errors.Add(new SpecError(file, line, column, message));

    /// <summary>Reports keys not in <paramref name="allowed"/>, suggesting the closest allowed key.</summary>
    public void CheckKeys(YamlMappingNode map, string context, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(allowed, name) < 0)
            {
                var suggestion = Closest(name, allowed);
                var hint = suggestion is null ? $"expected one of: {string.Join(", ", allowed)}" : $"did you mean '{suggestion}'?";
                Error(key, $"unknown key '{name}' in {context}; {hint}");
            }
        }
    }

    public YamlNode? Child(YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? String(YamlMappingNode map, string key, string context)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(node, $"{context}.{key} must be a text value");
        return null;
    }

    public double? Number(YamlMappingNode map, string key, string context)
    {
        var text = String(map, key, context);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Error(Child(map, key)!, $"{context}.{key} must be a number, got '{text}'");
        return null;
    }

    public int? Integer(YamlMappingNode map, string key, string context, int min)
    {
        var text = String(map, key, context);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        Error(Child(map, key)!, $"{context}.{key} must be a whole number ≥ {min}, got '{text}'");
        return null;
    }

    public bool? Boolean(YamlMappingNode map, string key, string context)
    {
        var text = String(map, key, context);
        if (text is null)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(Child(map, key)!, $"{context}.{key} must be true or false, got '{text}'");
                return null;
        }
    }

    public List<string> StringList(YamlMappingNode map, string key, string context)
    {
        var node = Child(map, key);
        var result = new List<string>();
        switch (node)
        {
            case null:
                break;
            case YamlScalarNode scalar when scalar.Value is not null:
                result.Add(scalar.Value);
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq)
                {
                    if (item is YamlScalarNode s && s.Value is not null)
                    {
                        result.Add(s.Value);
                    }
                    else
                    {
                        Error(item, $"{context}.{key} must be a list of text values");
                    }
                }

                break;
            default:
                Error(node, $"{context}.{key} must be a list of text values");
                break;
        }

        return result;
    }

    public TEnum? Enum<TEnum>(YamlNode node, string? text, string context, params (string Name, TEnum Value)[] names)
        where TEnum : struct
    {
        if (text is null)
        {
            return null;
        }

        foreach (var (name, value) in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var all = names.Select(n => n.Name).ToArray();
        var suggestion = Closest(text, all);
        Error(node, $"{context}: unknown value '{text}'; expected one of: {string.Join(", ", all)}" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
        return null;
    }

    internal static string? Closest(string name, IReadOnlyList<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Levenshtein(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
