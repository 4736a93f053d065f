using ServerlessPrep.Core.Lakehouse;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Tests.Processing;

namespace ServerlessPrep.Core.Tests.Lakehouse;

public sealed class IcebergTableTests : IDisposable
{
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Theory]
    [InlineData("events/metadata/v3.metadata.json")]
    [InlineData("events/metadata/00002-1f7a.metadata.json")]
    [InlineData("events/metadata/snap-3051729675574597004-1-f1a2.avro")]
    [InlineData("events/metadata/version-hint.text")]
    public async Task IcebergMetadata_IsSkippedWithAnExplanation(string key)
    {
        var outcome = await _lake.CreateProcessor().ProcessAsync(await _lake.PutTextAsync(key, "{}"));

        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.StartsWith("Iceberg table metadata: Iceberg tables are not supported yet; point ServerlessPrep at the data files", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IcebergDataFile_IsSkippedWithAnExplanation_ButAPlainDataFolderIsNot()
    {
        var processor = _lake.CreateProcessor();
        await _lake.PutTextAsync("events/metadata/v1.metadata.json", """{"format-version":2}""");
        var batch = TestLake.Orders([1, 2], ["a", "b"], [1, 2], [DateTime.UnixEpoch, DateTime.UnixEpoch]);
        var icebergData = await _lake.PutParquetAsync("events/data/ts_day=2024-01-01/00000-0-a.parquet", batch);
        var plain = await _lake.PutParquetAsync("clicks/data/part-0.parquet", batch);

        var iceberg = await processor.ProcessAsync(icebergData);
        var ordinary = await processor.ProcessAsync(plain);

        Assert.Equal(ObjectStatus.Skipped, iceberg.Status);
        Assert.Equal(IcebergKeys.DataReason, iceberg.Reason);
        Assert.Equal(ObjectStatus.Processed, ordinary.Status);
    }
}
