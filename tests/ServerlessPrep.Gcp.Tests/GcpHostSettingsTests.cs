namespace ServerlessPrep.Gcp.Tests;

public sealed class GcpHostSettingsTests
{
    [Fact]
    public void FromEnvironment_AllSet_Parses()
    {
        var env = new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = "gs://prep-lake/raw",
            ["SERVERLESSPREP_OUTPUT"] = "gs://prep-out/prepared/",
            ["SERVERLESSPREP_KV"] = "gs://prep-state/kv",
            ["PORT"] = "9090",
        };

        var settings = GcpHostSettings.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal(new GcpHostSettings(new LakeScope("prep-lake", "raw"), "prep-out", "prepared", "prep-state", "kv", 9090), settings);
    }

    [Fact]
    public void FromEnvironment_NothingSetBadPort_ReportsEveryError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => GcpHostSettings.FromEnvironment(name => name == "PORT" ? "http" : null));

        foreach (var name in new[] { "SERVERLESSPREP_LAKE", "SERVERLESSPREP_OUTPUT", "SERVERLESSPREP_KV", "PORT" })
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("projects/prep/topics/prep-backfill", "projects/prep/topics/prep-backfill", null)]
    [InlineData("prep-backfill", null, "SERVERLESSPREP_PART_TOPIC must be a topic name")]
    [InlineData("", null, null)]
    public void FromEnvironment_PartTopic_IsATopicNameOrAbsent(string value, string? expected, string? error)
    {
        var env = new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = "gs://prep-lake/raw",
            ["SERVERLESSPREP_OUTPUT"] = "gs://prep-out/prepared/",
            ["SERVERLESSPREP_KV"] = "gs://prep-state/kv",
            ["SERVERLESSPREP_PART_TOPIC"] = value,
        };

        if (error is null)
        {
            Assert.Equal(expected, GcpHostSettings.FromEnvironment(env.GetValueOrDefault).PartTopic);
        }
        else
        {
            Assert.Contains(error, Assert.Throws<InvalidOperationException>(() => GcpHostSettings.FromEnvironment(env.GetValueOrDefault)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeyOf_ObjectOutsidePrefixOrBucket_IsNull()
    {
        var lake = new LakeScope("prep-lake", "raw");

        Assert.Equal("a/b.csv", lake.KeyOf("prep-lake", "raw/a/b.csv"));
        Assert.Null(lake.KeyOf("prep-lake", "other/a.csv"));
        Assert.Null(lake.KeyOf("elsewhere", "raw/a.csv"));
    }

    [Fact]
    public void FromEnvironment_InlineSpec_LoadsDatasets()
    {
        var env = ValidEnvironment();
        env["SERVERLESSPREP_SPEC"] = "datasets:\n  - name: sales\n    match: [\"sales/**\"]\n    entity: customer_id\n";

        var settings = GcpHostSettings.FromEnvironment(env.GetValueOrDefault);

        var dataset = Assert.Single(settings.Specs.Datasets);
        Assert.Equal("sales", dataset.Name);
        Assert.Equal("customer_id", dataset.EntityColumn);
    }

    [Fact]
    public void FromEnvironment_SpecFilePath_LoadsFileAndResolvesRelativeToAppFolder()
    {
        var file = Path.Combine(AppContext.BaseDirectory, $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "name: events\n");
        try
        {
            var env = ValidEnvironment();
            env["SERVERLESSPREP_SPEC"] = Path.GetFileName(file);

            var settings = GcpHostSettings.FromEnvironment(env.GetValueOrDefault);

            Assert.Equal("events", Assert.Single(settings.Specs.Datasets).Name);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void FromEnvironment_NoSpec_InfersEveryDatasetAndUsesSystemTemp()
    {
        var settings = GcpHostSettings.FromEnvironment(ValidEnvironment().GetValueOrDefault);

        Assert.Empty(settings.Specs.Datasets);
        Assert.Equal(Path.GetTempPath(), settings.TempDirectory);
    }

    [Fact]
    public void FromEnvironment_InvalidSpecAndOtherErrors_ListsEveryProblemTogether()
    {
        var env = ValidEnvironment();
        env.Remove("SERVERLESSPREP_LAKE");
        env["SERVERLESSPREP_TEMP_DIR"] = "relative/tmp";
        env["SERVERLESSPREP_SPEC"] = "name: sales\ncolumns:\n  amount: { transform: standardise }\nsplit: { train: 0.9, validation: 0.2, test: 0.1 }\n";

        var ex = Assert.Throws<InvalidOperationException>(() => GcpHostSettings.FromEnvironment(env.GetValueOrDefault));

        Assert.Contains("SERVERLESSPREP_LAKE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SERVERLESSPREP_TEMP_DIR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$SERVERLESSPREP_SPEC:3:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'standardize'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$SERVERLESSPREP_SPEC:4:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_MissingSpecFile_FailsNamingTheFile()
    {
        var env = ValidEnvironment();
        env["SERVERLESSPREP_SPEC"] = "/nonexistent/spec.yaml";

        var ex = Assert.Throws<InvalidOperationException>(() => GcpHostSettings.FromEnvironment(env.GetValueOrDefault));

        Assert.Contains("/nonexistent/spec.yaml", ex.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ValidEnvironment() => new()
    {
        ["SERVERLESSPREP_LAKE"] = "gs://prep-lake/raw",
        ["SERVERLESSPREP_OUTPUT"] = "gs://prep-out/prepared",
        ["SERVERLESSPREP_KV"] = "gs://prep-state/kv",
    };
}
