using ServerlessPrep.Core.Reading;
using static ServerlessPrep.Core.Tests.Reading.PageDecodingDiff;

namespace ServerlessPrep.Core.Tests.Reading;

/// <summary>
/// Corrupt pages read with the page decoder: each must end in an <see cref="InvalidDataObjectException"/> that names the column,
/// within a bounded time (a decoder that trusts a size can loop or allocate without end).
/// </summary>
public sealed class ParquetPageDecodingCorruptionTests
{
    private const string Snappy = "COMPRESSION snappy, ROW_GROUP_SIZE 3000";
    internal const string Uncompressed = "COMPRESSION uncompressed, ROW_GROUP_SIZE 3000";

    public static TheoryData<string, string, int> Columns => new()
    {
        // column, file options, row group
        { "c_int_n", Snappy, 0 },
        { "c_bigint", Snappy, 1 },
        { "c_unique", Snappy, 0 },
        { "c_dict", Snappy, 0 },
        { "c_double_n", Uncompressed, 2 },
        { "c_unicode_n", Uncompressed, 1 },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task DataPageHeaderOverwritten_FailsNamingTheColumn(string column, string options, int rowGroup)
    {
        var (file, page) = await FirstDataPageAsync(column, options, rowGroup);
        Array.Fill<byte>(file, 0xFF, checked((int)page.Offset), Math.Min(12, page.HeaderLength));

        await AssertFailsNamingAsync(file, column);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task DataPageHeaderZeroed_FailsNamingTheColumn(string column, string options, int rowGroup)
    {
        // All zeros: a header that ends at once (type 0 = DATA_PAGE, sizes 0, no data page header).
        var (file, page) = await FirstDataPageAsync(column, options, rowGroup);
        Array.Clear(file, checked((int)page.Offset), page.HeaderLength);

        await AssertFailsNamingAsync(file, column);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task CompressedSizeHalved_FailsOrReadsTheOriginal(string column, string options, int rowGroup)
    {
        var (file, page) = await FirstDataPageAsync(column, options, rowGroup);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 3);
        ParquetPages.WriteZigZagPadded(file, start, length, page.CompressedSize / 2);

        await AssertFailsNamingOrReadsTheOriginalAsync(file, options, column);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task CompressedSizePastTheChunkEnd_FailsOrReadsTheOriginal(string column, string options, int rowGroup)
    {
        var (file, page) = await FirstDataPageAsync(column, options, rowGroup);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 3);
        ParquetPages.WriteZigZagPadded(file, start, length, Largest(length));

        await AssertFailsNamingOrReadsTheOriginalAsync(file, options, column);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task NegativeCompressedSize_FailsNamingTheColumn(string column, string options, int rowGroup)
    {
        var (file, page) = await FirstDataPageAsync(column, options, rowGroup);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 3);
        ParquetPages.WriteZigZagPadded(file, start, length, -1);

        await AssertFailsNamingAsync(file, column);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task UncompressedSizeWrong_FailsOrReadsTheOriginal(string column, string options, int rowGroup)
    {
        var (file, page) = await FirstDataPageAsync(column, options, rowGroup);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 2);
        ParquetPages.WriteZigZagPadded(file, start, length, page.UncompressedSize / 3);

        await AssertFailsNamingOrReadsTheOriginalAsync(file, options, column);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task NumValuesLargerThanThePage_FailsOrReadsTheOriginal(string column, string options, int rowGroup)
    {
        // The data page header claims more values than the page holds (and than the row group has rows).
        var (file, page) = await FirstDataPageAsync(column, options, rowGroup);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 5, 1);
        ParquetPages.WriteZigZagPadded(file, start, length, (int)Math.Min(page.NumValues * 2L, Largest(length)));

        await AssertFailsNamingOrReadsTheOriginalAsync(file, options, column);
    }

    [Theory]
    [InlineData("c_int_n", 0)]
    [InlineData("c_unique", 1)]
    public async Task SnappyPayloadOverwritten_FailsNamingTheColumn(string column, int rowGroup)
    {
        // The payload starts with snappy's varint of the uncompressed length: 0xFF… makes it malformed or far too large.
        var (file, page) = await FirstDataPageAsync(column, Snappy, rowGroup);
        Array.Fill<byte>(file, 0xFF, checked((int)page.PayloadOffset), Math.Min(16, page.CompressedSize));

        await AssertFailsNamingAsync(file, column);
    }

    [Theory]
    [InlineData(false, -5)] // steps back onto its own tag: each time 5 bytes further back in the output, if the length were taken
    [InlineData(false, -1)]
    [InlineData(false, int.MinValue)]
    // Pages of 1 MiB and more of PLAIN text go through SnappyWindow instead of SnappyBlock.
    [InlineData(true, -5)]
    [InlineData(true, -1)]
    [InlineData(true, int.MinValue)]
    public async Task SnappyLiteralWithANegativeFourByteLength_FailsNamingTheColumn(bool megabytePage, int length)
    {
        // A literal tag with a 4-byte length (tag 0xFC) whose length has its top bit set: read as an int, the literal's size
        // (length + 1) is negative. It must be rejected, not used to move the input or output position backwards.
        var (column, source) = megabytePage ? ("c_noise", DuckDbParquet.Write(MegabyteSelect, "COMPRESSION snappy, ROW_GROUP_SIZE 20480"))
            : ("c_unique", DuckDbParquet.Write(ParquetPageDecodingTests.FlatSelect, Snappy));
        var file = (byte[])source.Clone();
        var page = (await ParquetPages.ListAsync(file)).First(p => p.Column == column && p.RowGroup == 0 && p.IsData);
        Assert.Equal(megabytePage, page.UncompressedSize >= 1 << 20);
        var payload = checked((int)page.PayloadOffset);
        var preamble = 0;
        while ((file[payload + preamble] & 0x80) != 0)
        {
            preamble++;
        }

        var at = payload + preamble + 1;
        file[at] = 0xFC;
        BitConverter.TryWriteBytes(file.AsSpan(at + 1, 4), length - 1);

        await AssertFailsNamingAsync(file, column);
    }

    internal const string MegabyteSelect = """
        SELECT i AS id, md5(i::VARCHAR) || md5((i * 7)::VARCHAR) AS c_noise FROM range(20000) t(i)
        """;

    [Theory]
    [InlineData("c_dict")]
    [InlineData("c_dict_n")]
    public async Task DictionaryIndexOutOfRange_FailsNamingTheColumn(string column)
    {
        // The dictionary page says it holds one value; the data page's indices go up to 4 (c_dict) or 16 (c_dict_n).
        var file = (byte[])DuckDbParquet.Write(ParquetPageDecodingTests.FlatSelect, Uncompressed).Clone();
        var pages = await ParquetPages.ListAsync(file);
        var dictionary = pages.First(p => p.Column == column && p.RowGroup == 0 && p.Type == ParquetPage.DictionaryPage);
        Assert.True(dictionary.NumValues >= 5);
        var (start, length) = ParquetPages.FieldRange(file, dictionary.Offset, 7, 1);
        ParquetPages.WriteZigZagPadded(file, start, length, 1);

        await AssertFailsNamingAsync(file, column);
    }

    internal static byte[] ZigZag(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)((value << 1) ^ (value >> 31));
        do
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            bytes.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return [.. bytes];
    }

    [Fact]
    public async Task PageTypeChangedToIndexPage_FailsNamingTheColumn()
    {
        var (file, page) = await FirstDataPageAsync("c_bigint", Snappy, 0);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 1);
        ParquetPages.WriteZigZagPadded(file, start, length, 1); // INDEX_PAGE: a data page header follows, but no data page is expected

        await AssertFailsNamingAsync(file, "c_bigint");
    }

    // ---- data pages v2 (Arrow's writer; DuckDB writes v1 headers even with PARQUET_VERSION V2) ----

    [Theory]
    [InlineData("n_long")]
    [InlineData("s_plain")]
    [InlineData("s_dict")]
    public async Task V2DefinitionLevelsLongerThanThePage_FailsNamingTheColumn(string column)
    {
        var (file, page) = await FirstV2PageAsync(column);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 8, 5);
        ParquetPages.WriteZigZagPadded(file, start, length, Largest(length));

        await AssertFailsNamingAsync(file, column);
    }

    [Theory]
    [InlineData("n_long")]
    [InlineData("s_plain")]
    public async Task V2IsCompressedCleared_OnASnappyPage_FailsOrReadsTheOriginal(string column)
    {
        // A page that is snappy-compressed says it is not: read raw, its bytes are not the values. (Arrow leaves pages that do
        // not shrink uncompressed, with is_compressed false, so take the first page flagged true: header byte 0x11 = field 7, true.)
        var file = (byte[])ArrowV2.Clone();
        var compressed = (await ParquetPages.ListAsync(file))
            .Where(p => p.Column == column && p.Type == ParquetPage.DataPageV2)
            .Select(p => (Page: p, Flag: ParquetPages.FieldRange(file, p.Offset, 8, 7).Start - 1))
            .First(p => file[p.Flag] == 0x11);
        file[compressed.Flag] = 0x12;

        await AssertFailsNamingOrReadsTheOriginalAsync(file, ArrowV2, column);
    }

    [Theory]
    [InlineData("n_long")]
    [InlineData("s_dict")]
    public async Task V2NumNullsWrong_FailsOrReadsTheOriginal(string column)
    {
        var (file, page) = await FirstV2PageAsync(column);
        var (start, length) = ParquetPages.FieldRange(file, page.Offset, 8, 2);
        ParquetPages.WriteZigZagPadded(file, start, length, 0);

        await AssertFailsNamingOrReadsTheOriginalAsync(file, ArrowV2, column);
    }

    private static byte[] ArrowV2 => ArrowParquetFiles.Write(new(ParquetSharp.Compression.Snappy, ParquetSharp.ParquetDataPageVersion.V2, Booleans: false));

    private static async Task<(byte[] File, ParquetPage Page)> FirstV2PageAsync(string column)
    {
        var file = (byte[])ArrowV2.Clone();
        var page = (await ParquetPages.ListAsync(file)).First(p => p.Column == column && p.RowGroup == 0 && p.IsData);
        Assert.Equal(ParquetPage.DataPageV2, page.Type);
        return (file, page);
    }

    /// <summary>The largest non-negative value a zigzag varint of <paramref name="length"/> bytes holds.</summary>
    private static int Largest(int length) => (int)Math.Min(int.MaxValue, (1L << ((7 * length) - 1)) - 1);

    private static async Task<(byte[] File, ParquetPage Page)> FirstDataPageAsync(string column, string options, int rowGroup)
    {
        var file = (byte[])DuckDbParquet.Write(ParquetPageDecodingTests.FlatSelect, options).Clone();
        var pages = await ParquetPages.ListAsync(file);
        var page = pages.First(p => p.Column == column && p.RowGroup == rowGroup && p.IsData);
        return (file, page);
    }

    /// <summary>
    /// For a corrupted field that a reader may not need (a size it can also learn from the codec, a count it does not rely on):
    /// either the read fails naming the column, or it reads exactly what the intact file holds. Never other values.
    /// </summary>
    private static Task AssertFailsNamingOrReadsTheOriginalAsync(byte[] file, string options, string column)
        => AssertFailsNamingOrReadsTheOriginalAsync(file, DuckDbParquet.Write(ParquetPageDecodingTests.FlatSelect, options), column);

    private static async Task AssertFailsNamingOrReadsTheOriginalAsync(byte[] file, byte[] intact, string column)
    {
        var original = await ReadAsync(intact, Old);
        ReadResult read;
        try
        {
            read = await ReadAsync(file, PageDecoder(1000)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidDataObjectException failure)
        {
            AssertNames(failure, column);
            return;
        }

        AssertSameRows(original, read);
    }

    private static async Task AssertFailsNamingAsync(byte[] file, string column)
    {
        var read = ReadAsync(file, PageDecoder(1000));
        var failure = await Assert.ThrowsAsync<InvalidDataObjectException>(async () => await read.WaitAsync(TimeSpan.FromSeconds(30)));
        AssertNames(failure, column);
    }

    internal static void AssertNames(InvalidDataObjectException failure, string column)
    {
        Assert.Equal(column, failure.Column);
        Assert.Contains($"'{column}'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Key, failure.ObjectKey);
    }
}
