using Parquet.Schema;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using static ServerlessPrep.Core.Tests.Reading.ReaderTestHelpers;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class ParquetRowGroupSeekTests
{
    [Fact]
    public async Task SkipTo_StartsAtTheRowGroupHoldingTheRowAndKeepsObjectRowNumbers()
    {
        await using var reader = await OpenAsync(await FourRowGroupsAsync(), "t/groups.parquet");

        var start = ((IRowSeekableReader)reader).SkipTo(25);
        var batches = new List<(long First, int Rows, long FirstId)>();
        await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            batches.Add((batch.FirstRowIndex, batch.RowCount, ((Int64Column)batch.Columns[0]).Values[0]));
        }

        Assert.Equal(20, start);
        Assert.Equal([(20L, 10, 20L), (30L, 10, 30L)], batches);
    }

    [Fact]
    public async Task SkipTo_RowGroupsBeforeTheRow_AreNotDecoded()
    {
        var file = await FourRowGroupsAsync();
        var bytes = file.ToArray();
        Array.Fill<byte>(bytes, 0xFF, 4, 16); // the first row group's first page header
        await using (var whole = await OpenAsync(new MemoryStream(bytes), "t/broken-first-group.parquet"))
        {
            await Assert.ThrowsAsync<InvalidDataObjectException>(async () => await ReadAllAsync(whole));
        }

        await using var reader = await OpenAsync(new MemoryStream(bytes), "t/broken-first-group.parquet");
        ((IRowSeekableReader)reader).SkipTo(10);
        var (rows, sizes) = await ReadAllAsync(reader);

        Assert.Equal([10, 10, 10], sizes);
        Assert.Equal(10L, rows[0][0]);
    }

    [Fact]
    public async Task SkipTo_PastTheEnd_ReadsNothing()
    {
        await using var reader = await OpenAsync(await FourRowGroupsAsync(), "t/groups.parquet");

        Assert.Equal(40, ((IRowSeekableReader)reader).SkipTo(40));
        Assert.Empty((await ReadAllAsync(reader)).Rows);
    }

    private static async Task<MemoryStream> FourRowGroupsAsync()
    {
        var schema = new ParquetSchema(new DataField<long>("id"));
        return await ParquetTestFiles.WriteAsync(schema, [.. Enumerable.Range(0, 4).Select(g => (Func<Parquet.ParquetRowGroupWriter, DataField[], Task>)(async (rg, f) =>
            await rg.WriteAsync<long>(f[0], Enumerable.Range(g * 10, 10).Select(i => (long)i).ToArray())))]);
    }
}
