namespace ServerlessPrep.Azure.Tests;

public sealed class AzureHostSettingsTests
{
    [Fact]
    public void FromEnvironment_AllSet_ParsesUris()
    {
        var env = new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = "azblob://lake/raw/",
            ["SERVERLESSPREP_OUTPUT"] = "azblob://prepared/features",
            ["SERVERLESSPREP_KV"] = "aztable://serverlessprep",
            ["SERVERLESSPREP_STORAGE_CONNECTION"] = "DataStorage",
            ["DataStorage__blobServiceUri"] = "https://a.blob.core.windows.net",
        };

        var settings = AzureHostSettings.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal(new AzureHostSettings("lake", "raw", "prepared", "features", "serverlessprep", "DataStorage"), settings);
    }

    [Fact]
    public void FromEnvironment_NothingSet_ReportsEveryErrorTogether()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AzureHostSettings.FromEnvironment(_ => null));

        Assert.Contains("SERVERLESSPREP_LAKE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SERVERLESSPREP_OUTPUT", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SERVERLESSPREP_KV", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://lake")]
    [InlineData("azblob://UPPER_case")]
    [InlineData("azblob://")]
    public void FromEnvironment_BadLakeUri_Throws(string lake)
    {
        var env = new Dictionary<string, string>
        {
            ["SERVERLESSPREP_LAKE"] = lake,
            ["SERVERLESSPREP_OUTPUT"] = "azblob://out",
            ["SERVERLESSPREP_KV"] = "aztable://kvtable",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        };

        var ex = Assert.Throws<InvalidOperationException>(() => AzureHostSettings.FromEnvironment(env.GetValueOrDefault));

        Assert.Contains("SERVERLESSPREP_LAKE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_InlineSpec_LoadsDatasets()
    {
        var env = ValidEnvironment();
        env["SERVERLESSPREP_SPEC"] = "datasets:\n  - name: sales\n    match: [\"sales/**\"]\n    entity: customer_id\n";

        var settings = AzureHostSettings.FromEnvironment(env.GetValueOrDefault);

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

            var settings = AzureHostSettings.FromEnvironment(env.GetValueOrDefault);

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
        var settings = AzureHostSettings.FromEnvironment(ValidEnvironment().GetValueOrDefault);

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

        var ex = Assert.Throws<InvalidOperationException>(() => AzureHostSettings.FromEnvironment(env.GetValueOrDefault));

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

        var ex = Assert.Throws<InvalidOperationException>(() => AzureHostSettings.FromEnvironment(env.GetValueOrDefault));

        Assert.Contains("/nonexistent/spec.yaml", ex.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ValidEnvironment() => new()
    {
        ["SERVERLESSPREP_LAKE"] = "azblob://lake",
        ["SERVERLESSPREP_OUTPUT"] = "azblob://out",
        ["SERVERLESSPREP_KV"] = "aztable://kvtable",
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
    };
}
