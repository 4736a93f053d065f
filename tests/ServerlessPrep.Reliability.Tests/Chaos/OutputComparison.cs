using System.Text.Json.Nodes;
using ServerlessPrep.Reliability.Tests.Support;

namespace ServerlessPrep.Reliability.Tests.Chaos;

/// <summary>Compares the output folder of a chaos run with a clean run's, file by file.</summary>
internal static class OutputComparison
{
    /// <summary>Visible output files (hidden staging leftovers excluded) below <paramref name="prefix"/>, as keys in order.</summary>
    public static List<string> Files(Workspace workspace, string prefix = "")
    {
        var root = workspace.OutputDirectory;
        var folder = Path.Combine(root, prefix);
        return !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(k => !k.Split('/').Any(s => s.StartsWith('.')))
                .Order(StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>Hidden files left in the output folder by puts that were killed between staging and rename.</summary>
    public static int HiddenLeftovers(Workspace workspace)
        => Directory.Exists(workspace.OutputDirectory)
            ? Directory.EnumerateFiles(workspace.OutputDirectory, ".*", SearchOption.AllDirectories).Count()
            : 0;

    public static void AssertSameBytes(Workspace clean, Workspace chaos, string prefix)
    {
        var expected = Files(clean, prefix);
        Assert.Equal(expected, Files(chaos, prefix));
        Assert.All(expected, key => Assert.True(clean.ReadOutput(key).AsSpan().SequenceEqual(chaos.ReadOutput(key)), $"{key} differs from the clean run"));
    }

    /// <summary>Manifests name their run and commit time; everything else in them must match.</summary>
    public static void AssertSameManifests(Workspace clean, Workspace chaos)
    {
        var expected = Files(clean, "_manifests/");
        Assert.Equal(expected, Files(chaos, "_manifests/"));
        Assert.All(expected, key => Assert.Equal(WithoutRun(clean.ReadOutput(key)), WithoutRun(chaos.ReadOutput(key))));
    }

    private static string WithoutRun(byte[] manifest)
    {
        var json = JsonNode.Parse(manifest)!.AsObject();
        json.Remove("runId");
        json.Remove("committedAt");
        return json.ToJsonString();
    }
}
