using ServerlessPrep.Core.Reading;
using static ServerlessPrep.Core.Tests.Reading.PageDecodingDiff;

namespace ServerlessPrep.Core.Tests.Reading;

[CollectionDefinition(nameof(ParquetPageDecodingAllocationTests), DisableParallelization = true)]
public sealed class ParquetPageDecodingAllocationCollection;

/// <summary>Corrupt counts must be rejected before the page decoder sizes anything from them (allocations measured, so run alone).</summary>
[Collection(nameof(ParquetPageDecodingAllocationTests))]
public sealed class ParquetPageDecodingAllocationTests
{
    [Theory]
    [InlineData("c_dict", int.MaxValue)]
    [InlineData("c_dict", 1 << 24)]
    [InlineData("c_dict_n", 1 << 24)]
    [InlineData("c_tiny", 1 << 24)]
    [InlineData("c_tiny", int.MaxValue)]
    public async Task DictionaryPageClaimingMillionsOfValues_FailsNamingTheColumn_WithoutAllocatingForThem(string column, int count)
    {
        // The dictionary page header is rewritten with a num_values far beyond what its bytes can hold; to keep every offset in
        // the file, the header's extra bytes come out of the page's payload (its sizes shrunk to match). It must be rejected
        // before anything is sized from num_values.
        var file = (byte[])DuckDbParquet.Write(ParquetPageDecodingTests.FlatSelect, ParquetPageDecodingCorruptionTests.Uncompressed).Clone();
        var dictionary = (await ParquetPages.ListAsync(file)).First(p => p.Column == column && p.RowGroup == 0 && p.Type == ParquetPage.DictionaryPage);
        var header = DictionaryHeader(dictionary.CompressedSize, count);
        var payload = dictionary.CompressedSize - (header.Length - dictionary.HeaderLength);
        header = DictionaryHeader(payload, count);
        Assert.Equal(dictionary.HeaderLength + dictionary.CompressedSize, header.Length + payload);
        var start = checked((int)dictionary.Offset);
        var body = file.AsSpan(checked((int)dictionary.PayloadOffset), payload).ToArray();
        header.CopyTo(file, start);
        body.CopyTo(file, start + header.Length);

        // Counted for the whole process: this class runs alone (its collection is not parallelized), and the read hops threads.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var failure = await Assert.ThrowsAsync<InvalidDataObjectException>(() => ReadAsync(file, PageDecoder(1000)).WaitAsync(TimeSpan.FromSeconds(30)));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        ParquetPageDecodingCorruptionTests.AssertNames(failure, column);

        Assert.True(allocated < 32 << 20, $"{allocated:N0} bytes allocated to reject a {dictionary.CompressedSize}-byte dictionary page claiming {count:N0} values");
    }

    /// <summary>A DICTIONARY_PAGE header: both sizes <paramref name="payload"/>, <paramref name="count"/> PLAIN values.</summary>
    private static byte[] DictionaryHeader(int payload, int count)
    {
        var header = new List<byte> { 0x15, 0x04, 0x15 }; // type = DICTIONARY_PAGE, then uncompressed_page_size
        header.AddRange(ParquetPageDecodingCorruptionTests.ZigZag(payload));
        header.Add(0x15); // compressed_page_size
        header.AddRange(ParquetPageDecodingCorruptionTests.ZigZag(payload));
        header.Add(0x4C); // field 7: dictionary_page_header
        header.Add(0x15); // num_values
        header.AddRange(ParquetPageDecodingCorruptionTests.ZigZag(count));
        header.AddRange([0x15, 0x00, 0x00, 0x00]); // encoding PLAIN, end of both structs
        return [.. header];
    }
}
