using System.Text.RegularExpressions;

namespace ServerlessPrep.Azure.Tests.Support;

/// <summary>One resource block of a Bicep file.</summary>
internal sealed record BicepResource(string Symbol, string Type, string Body)
{
    /// <summary>The value expression of the first <c>name: value</c> line in the body (nested or not).</summary>
    public string? Property(string name)
    {
        var match = Regex.Match(Body, $@"^\s*{Regex.Escape(name)}\s*:\s*(.+?)\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>App settings written one per line as <c>{ name: 'X', value: … }</c>.</summary>
    public IReadOnlyDictionary<string, string> AppSettings()
        => Regex.Matches(Body, @"\{\s*name:\s*'([^']+)'\s*,\s*value:\s*(.+?)\s*\}\s*$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
}
