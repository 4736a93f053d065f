using System.Text.RegularExpressions;

namespace ServerlessPrep.Azure.Tests.Support;

/// <summary>
/// A small reader of Bicep source, enough for structural checks: top-level <c>resource sym 'Type@version' … = {…}</c>
/// blocks with their bodies (strings and comments are skipped when matching braces).
/// </summary>
internal sealed partial class BicepFile
{
    private BicepFile(string text, IReadOnlyList<BicepResource> resources)
    {
        Text = text;
        Resources = resources;
    }

    public string Text { get; }

    public IReadOnlyList<BicepResource> Resources { get; }

    public static BicepFile Load(string path)
    {
        var text = File.ReadAllText(path);
        var resources = new List<BicepResource>();
        foreach (Match match in ResourceHeader().Matches(text))
        {
            var open = text.IndexOf('{', match.Index + match.Length - 1);
            var close = MatchingBrace(text, open);
            resources.Add(new BicepResource(match.Groups[1].Value, match.Groups[2].Value, text[(open + 1)..close]));
        }

        return new BicepFile(text, resources);
    }

    public BicepResource Resource(string symbol) => Resources.Single(r => r.Symbol == symbol);

    public IEnumerable<BicepResource> OfType(string type) => Resources.Where(r => r.Type == type);

    [GeneratedRegex(@"^resource\s+(\w+)\s+'([^'@]+)@[^']+'\s*(?:existing\s*)?=\s*(?:if\s*\([^)]*\)\s*)?\{", RegexOptions.Multiline)]
    private static partial Regex ResourceHeader();

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    i = text.IndexOf('\'', i + 1);
                    break;
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
