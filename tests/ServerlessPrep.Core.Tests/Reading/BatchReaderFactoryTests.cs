using System.Text;
using Parquet.Schema;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using static ServerlessPrep.Core.Tests.Reading.ReaderTestHelpers;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class BatchReaderFactoryTests
{
    private static async Task<byte[]> SmallParquetAsync()
    {
        var schema = new ParquetSchema(new DataField<int>("n"), new DataField<string>("s"));
        using var file = await ParquetTestFiles.WriteAsync(schema, async (rg, f) =>
        {
            await rg.WriteAsync<int>(f[0], Enumerable.Range(0, 100).ToArray());
            await rg.WriteAsync(f[1], Enumerable.Range(0, 100).Select(i => $"value {i}").ToArray());
        });
        return file.ToArray();
    }

    [Theory]
    [InlineData("a/b.csv", "x,y\n1,2\n", InputFormat.Csv)]
    [InlineData("a/b.jsonl", "{\"x\":1}\n", InputFormat.JsonLines)]
    [InlineData("a/b.json", "{\"x\":1}\n", InputFormat.JsonLines)]
    [InlineData("a/noext", "{\"x\":1}\n", InputFormat.JsonLines)]
    [InlineData("a/noext", "x,y\n1,2\n", InputFormat.Csv)]
    public async Task OpenAsync_Auto_DetectsTextFormats(string key, string text, InputFormat expected)
    {
        await using var reader = await OpenAsync(text, key);

        Assert.Equal(expected, reader.Format);
    }

    [Theory]
    [InlineData("lake/x.parquet")]
    [InlineData("lake/x.csv")]
    [InlineData("lake/x")]
    public async Task OpenAsync_ParquetMagic_WinsOverExtension(string key)
    {
        using var stream = new MemoryStream(await SmallParquetAsync());

        await using var reader = await OpenAsync(stream, key);

        Assert.Equal(InputFormat.Parquet, reader.Format);
        Assert.Equal(100L, reader.TotalRows);
    }

    [Fact]
    public async Task OpenAsync_NonSeekableTextStream_ReplaysSniffedBytes()
    {
        var text = "n\n" + string.Join("\n", Enumerable.Range(0, 2000));
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes(text));

        await using var reader = await OpenAsync(stream, "in/big");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(2000, rows.Count);
        Assert.Equal(1999L, rows[^1][0]);
    }

    [Theory]
    [InlineData(InputFormat.Auto)]
    [InlineData(InputFormat.Parquet)]
    [InlineData(InputFormat.Csv)]
    [InlineData(InputFormat.JsonLines)]
    public async Task OpenAsync_EmptyObject_ThrowsWithKey(InputFormat format)
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync(new MemoryStream(), "lake/empty.parquet", format));

        Assert.Equal("lake/empty.parquet", e.ObjectKey);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_ParquetExtensionButText_ThrowsNotParquet()
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync("a,b\n1,2\n", "lake/fake.parquet"));

        Assert.Equal("lake/fake.parquet", e.ObjectKey);
        Assert.Contains("not a Parquet file", e.Message, StringComparison.Ordinal);
        Assert.Contains("PAR1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EncryptedParquet_ThrowsEncrypted()
    {
        var bytes = Encoding.ASCII.GetBytes("PARE....encrypted footer....PARE");

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync(new MemoryStream(bytes), "lake/secret.parquet"));

        Assert.Contains("encrypted", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public async Task OpenAsync_TruncatedParquet_ThrowsWithKey(double keep)
    {
        var bytes = await SmallParquetAsync();
        var truncated = bytes.AsSpan(0, (int)(bytes.Length * keep)).ToArray();

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync(new MemoryStream(truncated), "lake/cut.parquet"));

        Assert.Equal("lake/cut.parquet", e.ObjectKey);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_CorruptFooter_ThrowsInvalidDataNotRawException()
    {
        var bytes = await SmallParquetAsync();
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        for (var i = bytes.Length - 8 - footerLength; i < bytes.Length - 8; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync(new MemoryStream(bytes), "lake/bad-footer.parquet"));

        Assert.Equal("lake/bad-footer.parquet", e.ObjectKey);
    }

    [Fact]
    public async Task ReadBatchesAsync_CorruptColumnData_ThrowsInvalidDataNotRawException()
    {
        var bytes = await SmallParquetAsync();
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var dataEnd = bytes.Length - 8 - footerLength;
        for (var i = 4; i < dataEnd; i++)
        {
            bytes[i] = 0xFF;
        }

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(async () =>
        {
            await using var reader = await OpenAsync(new MemoryStream(bytes), "lake/bad-data.parquet");
            await ReadAllAsync(reader);
        });

        Assert.Equal("lake/bad-data.parquet", e.ObjectKey);
    }

    [Fact]
    public async Task OpenAsync_BinaryGarbageWithoutExtension_Throws()
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync(new MemoryStream([0x1F, 0x8B, 0x08, 0x00, 0x00]), "lake/blob"));

        Assert.Contains("binary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_ThrowsArgumentException()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(
            () => OpenAsync("a\n1\n", "k.csv", options: new ReaderOptions { ChunkRows = 0, MaxFieldBytes = 1 }));

        Assert.Contains("ChunkRows", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxFieldBytes", e.Message, StringComparison.Ordinal);
    }
}
