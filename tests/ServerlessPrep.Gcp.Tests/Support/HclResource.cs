using System.Text.RegularExpressions;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>One resource block of a Terraform configuration.</summary>
internal sealed record HclResource(string Type, string Name, string Body)
{
    public string Address => $"{Type}.{Name}";

    /// <summary>The expression of the first <c>name = value</c> line in the body (nested or not), quotes removed.</summary>
    public string? Attribute(string name)
    {
        var match = Regex.Match(Body, $@"^\s*{Regex.Escape(name)}\s*=\s*(.+?)\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value.Trim('"') : null;
    }

    /// <summary>The <c>env { name = … }</c> names of a Cloud Run container.</summary>
    public IReadOnlyList<string> EnvNames()
        => Regex.Matches(Body, @"env\s*\{\s*name\s*=\s*""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
}
