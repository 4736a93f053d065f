namespace ServerlessPrep.Core.Specs;

/// <summary>
/// Loads the spec a host is configured with (<c>SERVERLESSPREP_SPEC</c>): empty → no spec (every dataset inferred),
/// text containing a line break → inline YAML, anything else → a file path (e.g. bundled next to the function).
/// </summary>
public static class SpecSource
{
    public const string EnvironmentVariable = "SERVERLESSPREP_SPEC";

    public static SpecSet Load(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SpecSet.Empty;
        }

        return value.Contains('\n', StringComparison.Ordinal)
            ? SpecParser.Parse(value, $"${EnvironmentVariable}")
            : SpecParser.ParseFile(value.Trim());
    }
}
