using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class PartitionFilterTests
{
    [Theory]
    [InlineData("region=eu", "sales/region=eu/dt=2026-01-02/p.parquet", true)]
    [InlineData("region=eu", "sales/region=us/dt=2026-01-02/p.parquet", false)]
    [InlineData("region!=eu", "sales/region=us/p.parquet", true)]
    [InlineData("dt>=2026-01-01", "sales/dt=2026-01-01/p.parquet", true)]
    [InlineData("dt>=2026-01-01", "sales/dt=2025-12-31/p.parquet", false)]
    [InlineData("dt>=2026-01-01 and dt<2026-02-01", "sales/dt=2026-02-01/p.parquet", false)]
    [InlineData("dt>=2026-01-01, region=eu", "sales/region=eu/dt=2026-01-15/p.parquet", true)]
    [InlineData("hour>9", "sales/hour=10/p.parquet", true)] // numbers compare as numbers ("10" < "9" as text)
    [InlineData("region=eu", "sales/p.parquet", false)] // no such partition: no match
    public void Matches_Conditions(string where, string key, bool expected)
        => Assert.Equal(expected, PartitionFilter.Parse(where).Matches(key));

    [Fact]
    public void Parse_SeveralExpressions_AllMustHold()
    {
        var filter = PartitionFilter.Parse("region=eu", "dt>2026-01-01");

        Assert.True(filter.Matches("s/region=eu/dt=2026-01-02/p.csv"));
        Assert.False(filter.Matches("s/region=eu/dt=2026-01-01/p.csv"));
    }

    [Theory]
    [InlineData("region", "cannot read 'region' (no comparison operator)")]
    [InlineData("=eu", "no partition name before '='")]
    [InlineData("dt>=", "no value after '>='")]
    [InlineData("re gion=eu", "'re gion' is not a partition name")]
    [InlineData("region=eu,", "empty condition")]
    public void Parse_BadSyntax_NamesTheTokenAndWhatWasExpected(string where, string message)
    {
        var e = Assert.Throws<PartitionFilterException>(() => PartitionFilter.Parse(where));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains($"--where '{where}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected name=value", e.Message, StringComparison.Ordinal);
    }
}
