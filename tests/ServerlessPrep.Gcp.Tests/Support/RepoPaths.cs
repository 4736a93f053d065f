namespace ServerlessPrep.Gcp.Tests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServerlessPrep.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ServerlessPrep.sln not found above " + AppContext.BaseDirectory);
    }
}
