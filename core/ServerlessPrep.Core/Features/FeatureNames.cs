using System.Text;

namespace ServerlessPrep.Core.Features;

/// <summary>Output column naming: <c>&lt;col&gt;__&lt;suffix&gt;</c> with suffixes made of [A-Za-z0-9_] only.</summary>
internal static class FeatureNames
{
    public const string Separator = "__";
    public const int MaxSuffixLength = 64;

    /// <summary>Replaces every character outside [A-Za-z0-9_] by '_', truncates to 64 characters; empty → <c>empty</c>.</summary>
    public static string Sanitize(string value)
    {
        if (value.Length == 0)
        {
            return "empty";
        }

        var sb = new StringBuilder(Math.Min(value.Length, MaxSuffixLength));
        foreach (var ch in value)
        {
            if (sb.Length == MaxSuffixLength)
            {
                break;
            }

            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch == '_' ? ch : '_');
        }

        return sb.ToString();
    }

    /// <summary><c>&lt;col&gt;__&lt;suffix&gt;</c>, made unique against <paramref name="taken"/> by appending <c>_2</c>, <c>_3</c>…</summary>
    public static string Unique(string column, string suffix, HashSet<string> taken)
    {
        var name = column + Separator + suffix;
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    public static string[] Buckets(string column, int buckets)
    {
        var names = new string[buckets];
        for (var k = 0; k < buckets; k++)
        {
            names[k] = column + Separator + "h" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }
}
