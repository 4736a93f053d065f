using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Cli.Commands;

internal static class SpecLoader
{
    public static SpecSet Load(string? path)
    {
        if (path is null)
        {
            return SpecSet.Empty;
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"Spec file '{path}' does not exist.");
        }

        return SpecParser.ParseFile(path);
    }
}
