using Amazon.S3;
using Parquet;
using Parquet.Schema;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;

namespace ServerlessPrep.Aws.Tests.Storage;

[Collection(EmulatorCollection.Name)]
public sealed class S3ParquetRangedReadTests : IDisposable
{
    private const int RowGroups = 4;
    private const int RowsPerGroup = 100_000;
    private static readonly DataField<long> Id = new("id");
    private static readonly DataField<double> Value = new("value");
    private readonly IAmazonS3 _client;

    public S3ParquetRangedReadTests(EmulatorFixture emulators) => _client = emulators.CreateS3Client();

    [Fact]
    public async Task OpenReadAsync_MultiMegabyteParquet_ReadsFooterAndOneColumnChunkOnly()
    {
        var store = new S3ObjectStore(_client, EmulatorFixture.LakeBucket, "parquet-" + Guid.NewGuid().ToString("N")[..8], new S3ObjectStoreOptions { ReadAheadBytes = 256 * 1024 });
        var file = await WriteParquetAsync();
        await store.PutAsync("data.parquet", new MemoryStream(file));

        await using var stream = (S3RangedReadStream)await store.OpenReadAsync("data.parquet");
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var rowGroup = reader.OpenRowGroupReader(2);
        var ids = new long[rowGroup.RowCount];
        await rowGroup.ReadAsync<long>(Id, ids);

        Assert.Equal(RowGroups, reader.RowGroupCount);
        Assert.Equal(2L * RowsPerGroup, ids[0]);
        Assert.Equal((3L * RowsPerGroup) - 1, ids[^1]);
        Assert.True(file.Length > 4 * 1024 * 1024, $"file is {file.Length} bytes");
        Assert.True(stream.BytesFetched < file.Length / 4, $"fetched {stream.BytesFetched} of {file.Length} bytes");
        Assert.InRange(stream.RequestCount, 2, 6);
    }

    public void Dispose() => _client.Dispose();

    private static async Task<byte[]> WriteParquetAsync()
    {
        using var buffer = new MemoryStream();
        var random = new Random(7);
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(Id, Value), buffer))
        {
            for (var g = 0; g < RowGroups; g++)
            {
                var ids = Enumerable.Range(g * RowsPerGroup, RowsPerGroup).Select(i => (long)i).ToArray();
                var values = Enumerable.Range(0, RowsPerGroup).Select(_ => random.NextDouble()).ToArray();
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync<long>(Id, ids);
                await rowGroup.WriteAsync<double>(Value, values);
                rowGroup.CompleteValidate();
            }
        }

        return buffer.ToArray();
    }
}
