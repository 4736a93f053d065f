using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Reliability.Tests.HostileNames;

/// <summary>Regression: unsafe keys and dataset names used to reach the object stores and crash ProcessAsync with ArgumentException.</summary>
public sealed class DatasetResolverSafetyTests
{
    [Theory]
    [InlineData("orders/../../escape.csv", "'..' segment")]
    [InlineData("/etc/orders.csv", "absolute")]
    [InlineData("orders\\..\\x.csv", "backslash")]
    [InlineData("orders/a\u0001.csv", "control character")]
    public void Resolve_UnsafeKey_IsSkippedWithTheReason(string key, string problem)
    {
        var match = new DatasetResolver(SpecSet.Empty).Resolve(key, out var reason);

        Assert.Null(match);
        Assert.StartsWith("not a safe object key", reason, StringComparison.Ordinal);
        Assert.Contains(problem, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../../escape")]
    [InlineData("/abs")]
    [InlineData("a\\b")]
    public void Resolve_DatasetNameThatCannotNameOutputs_IsSkippedWithTheReason(string name)
    {
        var resolver = new DatasetResolver(new SpecSet([new DatasetSpec { Name = name, Match = ["**"] }]));

        var match = resolver.Resolve("clicks/part-0.csv", out var reason);

        Assert.Null(match);
        Assert.Contains($"dataset '{name}' cannot name a safe output", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_KeyTooLongForItsOutputs_IsSkippedWithTheReason()
    {
        var key = "orders/" + string.Join('/', Enumerable.Repeat(new string('k', 110), 9)) + ".csv";

        var match = new DatasetResolver(SpecSet.Empty).Resolve(key, out var reason);

        Assert.Null(match);
        Assert.Contains("longer than 1024", reason, StringComparison.Ordinal);
    }
}
