using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Reading.Pages;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Reading.Pages;

/// <summary>A snappy text page above <see cref="PageColumnDecoder.StreamedPageBytes"/> is decoded through a window, value by value.</summary>
public class StreamedTextPageTests
{
    [Fact]
    public async Task ReadBatchesAsync_LargeSnappyTextPage_ReadsEveryValueInOrder()
    {
        var values = Enumerable.Range(0, 90_000)
            .Select(i => i % 11 == 5 ? null : i % 13 == 0 ? "" : $"note {i}: the parcel was {(i % 3 == 0 ? "late" : "fine")} ünïcödé {new string('x', i % 50)}")
            .ToArray();
        var schema = new ParquetSchema(new DataField<string>("note", nullable: true), new DataField<long>("id"));
        using var file = await ParquetTestFiles.WriteAsync(
            schema,
            new ParquetOptions { CompressionMethod = CompressionMethod.Snappy },
            async (rg, f) =>
            {
                await rg.WriteAsync(f[0], values);
                await rg.WriteAsync<long>(f[1], Enumerable.Range(0, values.Length).Select(i => (long)i).ToArray());
            });
        Assert.True(file.Length > PageColumnDecoder.StreamedPageBytes / 4, "the text page must be large enough to be streamed");

        var read = new List<string?>();
        var ids = new List<long>();
        await using (var reader = await BatchReaderFactory.OpenAsync(file, "big.parquet", InputFormat.Parquet, new CsvOptions(), new ReaderOptions { ChunkRows = 10_000 }, CancellationToken.None))
        {
            await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
            {
                Assert.True(batch.RowCount <= 10_000);
                read.AddRange(((StringColumn)batch.Columns[0]).Values.ToArray());
                ids.AddRange(((Int64Column)batch.Columns[1]).Values.ToArray());
            }
        }

        Assert.Equal(values, read);
        Assert.Equal(Enumerable.Range(0, values.Length).Select(i => (long)i), ids);
    }
}
