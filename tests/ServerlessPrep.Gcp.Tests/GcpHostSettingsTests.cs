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

    [Fact]
    public void KeyOf_ObjectOutsidePrefixOrBucket_IsNull()
    {
        var lake = new LakeScope("prep-lake", "raw");

        Assert.Equal("a/b.csv", lake.KeyOf("prep-lake", "raw/a/b.csv"));
        Assert.Null(lake.KeyOf("prep-lake", "other/a.csv"));
        Assert.Null(lake.KeyOf("elsewhere", "raw/a.csv"));
    }
}
