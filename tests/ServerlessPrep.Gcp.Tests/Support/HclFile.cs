using System.Text.RegularExpressions;

namespace ServerlessPrep.Gcp.Tests.Support;

/// <summary>
/// A small reader of Terraform HCL, enough for structural checks: top-level <c>resource "type" "name" {…}</c> blocks
/// (strings and comments are skipped when matching braces). All <c>*.tf</c> files of a folder are read together.
/// </summary>
internal sealed partial class HclFile
{
    private HclFile(string text, IReadOnlyList<HclResource> resources)
    {
        Text = text;
        Resources = resources;
    }

    public string Text { get; }

    public IReadOnlyList<HclResource> Resources { get; }

    public static HclFile LoadFolder(string folder)
    {
        var text = string.Join("\n", Directory.GetFiles(folder, "*.tf").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var resources = new List<HclResource>();
        foreach (Match match in ResourceHeader().Matches(text))
        {
            var open = match.Index + match.Length - 1;
            var close = MatchingBrace(text, open);
            resources.Add(new HclResource(match.Groups[1].Value, match.Groups[2].Value, text[(open + 1)..close]));
        }

        return new HclFile(text, resources);
    }

    public HclResource Resource(string type, string name) => Resources.Single(r => r.Type == type && r.Name == name);

    public IEnumerable<HclResource> OfType(string type) => Resources.Where(r => r.Type == type);

    [GeneratedRegex("^resource\\s+\"([^\"]+)\"\\s+\"([^\"]+)\"\\s*\\{", RegexOptions.Multiline)]
    private static partial Regex ResourceHeader();

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    for (i++; text[i] != '"'; i++)
                    {
                        i += text[i] == '\\' ? 1 : 0;
                    }

                    break;
                case '#':
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    i = text.IndexOf('\n', i);
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }

        throw new FormatException($"Unbalanced braces from offset {open}.");
    }
}
