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
}
