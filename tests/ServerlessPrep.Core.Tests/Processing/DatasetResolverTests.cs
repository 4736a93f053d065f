using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class DatasetResolverTests
{
    private static DatasetResolver CreateSut() => new(new SpecSet(
    [
        new DatasetSpec { Name = "orders", Match = ["raw/orders/**/*.parquet"] },
        new DatasetSpec { Name = "flat", Match = ["flat/*.csv"] },
    ]));

    [Theory]
    [InlineData("raw/orders/date=2024-01-01/part-0.parquet", "orders", "raw/orders/date=2024-01-01/part-0.parquet")]
    [InlineData("raw/orders/part-0.parquet", "orders", "raw/orders/part-0.parquet")]
    [InlineData("flat/a.csv", "flat", "a.csv")]
    [InlineData("flat/nested/a.csv", "flat", "nested/a.csv")] // '*' stays in one segment: falls back to the top folder
    [InlineData("sales/date=2024-01-01/part-0.parquet", "sales", "date=2024-01-01/part-0.parquet")]
    public void Resolve_DataKeys_MatchTheDataset(string key, string dataset, string relative)
    {
        var match = CreateSut().Resolve(key, out var reason);

        Assert.NotNull(match);
        Assert.Null(reason);
        Assert.Equal(dataset, match.Dataset);
        Assert.Equal(relative, match.RelativePath);
    }

    [Theory]
    [InlineData("sales/_SUCCESS")]
    [InlineData("sales/_delta_log/00000000000000000000.json")]
    [InlineData("sales/.part-0.parquet.crc")]
    [InlineData("readme.parquet")]
    [InlineData("sales/spec.yaml")]
    public void Resolve_NonDataKeys_AreSkippedWithAReason(string key)
    {
        var match = CreateSut().Resolve(key, out var reason);

        Assert.Null(match);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void HivePartitions_Parse_ReadsKeyValueSegmentsOnly()
    {
        var partitions = HivePartitions.Parse("sales/date=2024-01-01/region=eu%20west/part=0.parquet");

        Assert.Equal([new("date", "2024-01-01"), new KeyValuePair<string, string>("region", "eu west")], partitions);
        Assert.Equal("date=2024-01-01/region=eu west", HivePartitions.PartitionPath("sales/date=2024-01-01/region=eu%20west/x.parquet"));
    }

    [Theory]
    [InlineData("A1", "A2", -1)]
    [InlineData("0000A2", "A1", 1)]
    [InlineData("a1", "A1", 0)]
    [InlineData(null, "A1", 0)]
    [InlineData("99", "100", -1)]
    public void SequencerOrder_Compare_PadsBeforeComparing(string? a, string? b, int expectedSign)
        => Assert.Equal(expectedSign, Math.Sign(SequencerOrder.Compare(a, b)));
}
