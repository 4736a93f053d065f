using System.Globalization;
using System.Text.RegularExpressions;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// A filter on Hive partition values of object keys: conditions <c>name=value</c>, <c>name!=value</c>, <c>name&gt;=value</c>,
/// <c>name&lt;=value</c>, <c>name&gt;value</c>, <c>name&lt;value</c>, joined by <c>,</c> or <c>and</c>; all must hold. Values compare as
/// numbers when both sides are numbers, otherwise as text in ordinal order (so ISO dates compare correctly). A key without the
/// partition does not match.
/// </summary>
public sealed partial class PartitionFilter
{
    private const string Expected = "expected name=value, name!=value, name>=value, name<=value, name>value or name<value";

    private readonly IReadOnlyList<(string Name, string Operator, string Value)> _conditions;

    private PartitionFilter(IReadOnlyList<(string Name, string Operator, string Value)> conditions, string text)
    {
        _conditions = conditions;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Parses one or more <c>--where</c> values (all conditions must hold).</summary>
    public static PartitionFilter Parse(params IEnumerable<string> expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var conditions = new List<(string, string, string)>();
        var texts = new List<string>();
        foreach (var expression in expressions)
        {
            texts.Add(expression);
            foreach (var raw in AndSeparator().Split(expression))
            {
                var token = raw.Trim();
                if (token.Length == 0)
                {
                    throw new PartitionFilterException($"--where '{expression}': empty condition; {Expected}");
                }

                var m = Condition().Match(token);
                if (!m.Success)
                {
                    var op = Operator().Match(token);
                    var hint = !op.Success ? "no comparison operator"
                        : op.Index == 0 ? $"no partition name before '{op.Value}'"
                        : !NameOnly().IsMatch(token[..op.Index].Trim()) ? $"'{token[..op.Index].Trim()}' is not a partition name (letters, digits, _ . -)"
                        : $"no value after '{op.Value}'";
                    throw new PartitionFilterException($"--where '{expression}': cannot read '{token}' ({hint}); {Expected}");
                }

                conditions.Add((m.Groups["name"].Value, m.Groups["op"].Value, m.Groups["value"].Value.Trim()));
            }
        }

        return new PartitionFilter(conditions, string.Join(" and ", texts));
    }

    public bool Matches(string objectKey)
    {
        var partitions = HivePartitions.Parse(objectKey);
        foreach (var (name, op, value) in _conditions)
        {
            var actual = partitions.LastOrDefault(p => p.Key == name).Value;
            if (actual is null || !Holds(Compare(actual, value), op))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Text;

    private static int Compare(string actual, string expected)
        => double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : string.CompareOrdinal(actual, expected);

    private static bool Holds(int comparison, string op) => op switch
    {
        "=" => comparison == 0,
        "!=" => comparison != 0,
        ">=" => comparison >= 0,
        "<=" => comparison <= 0,
        ">" => comparison > 0,
        _ => comparison < 0,
    };

    [GeneratedRegex(@"\s*,\s*|\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_.\-]+)\s*(?<op>!=|>=|<=|=|>|<)\s*(?<value>[^\s=<>!].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Condition();

    [GeneratedRegex(@"!=|>=|<=|=|>|<", RegexOptions.CultureInvariant)]
    private static partial Regex Operator();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameOnly();
}
