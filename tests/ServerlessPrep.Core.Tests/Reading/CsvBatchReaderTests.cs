using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using static ServerlessPrep.Core.Tests.Reading.ReaderTestHelpers;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class CsvBatchReaderTests
{
    [Fact]
    public async Task OpenAsync_TypedColumns_InfersEachKind()
    {
        const string csv = """
            flag,count,price,day,at,name,zip
            true,1,1.5,2024-01-02,2024-01-02T03:04:05Z,ann,01234
            FALSE,-2,3,2024-02-29,2024-01-02 03:04:05.25,bob,12345

            """;

        await using var reader = await OpenAsync(csv, "in/typed.csv");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(InputFormat.Csv, reader.Format);
        Assert.Null(reader.TotalRows);
        Assert.Equal("flag:Boolean,count:Int64,price:Double,day:Date,at:Timestamp,name:String,zip:String", reader.Schema.Fingerprint);
        Assert.Equal(
            [true, 1L, 1.5, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), "ann", "01234"],
            rows[0]);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc), rows[1][4]);
        Assert.Equal(3.0, rows[1][2]);
    }

    [Fact]
    public async Task ReadBatchesAsync_QuotedFields_UnescapesDelimitersQuotesAndNewlines()
    {
        const string csv = "id,text\r\n1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"line1\nline2\"\r\n4,\"\"\r\n5,plain\r\n";

        var rows = await ReadRowsAsync(csv, "in/q.csv");

        Assert.Equal(["a,b", "say \"hi\"", "line1\nline2", null, "plain"], rows.Select(r => r[1]));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task ReadBatchesAsync_RowAfterMultilineField_ReportsItsOwnLineWhenRagged()
    {
        const string csv = "id,text\n1,\"two\nlines\"\n2,x,extra\n";

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => ReadRowsAsync(csv, "in/ragged.csv"));

        Assert.Equal(4, e.Line);
    }

    [Fact]
    public async Task ReadBatchesAsync_RaggedRowAfterSample_NamesKeyLineAndCounts()
    {
        var lines = new List<string> { "a,b,c" };
        lines.AddRange(Enumerable.Range(0, 20).Select(i => $"{i},{i},{i}"));
        lines.Add("1,2");
        var csv = string.Join("\n", lines);

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(
            () => ReadRowsAsync(csv, "in/ragged.csv", csv: new CsvOptions { InferenceRows = 5 }));

        Assert.Equal("in/ragged.csv", e.ObjectKey);
        Assert.Equal(22, e.Line);
        Assert.Contains("expected 3 fields", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 2", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("in/ragged.csv, line 22", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBatchesAsync_RaggedRowInSample_Throws()
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => ReadRowsAsync("a,b\n1,2,3\n", "k.csv"));

        Assert.Equal(2, e.Line);
    }

    [Fact]
    public async Task ReadBatchesAsync_ValueNotMatchingInferredKind_MissingAndCounted()
    {
        var csv = "n,s\n" + string.Join("\n", Enumerable.Range(1, 10).Select(i => $"{i},x")) + "\n2.5,y\noops,z\n";

        await using var reader = await OpenAsync(csv, "in/late.csv", csv: new CsvOptions { InferenceRows = 10 });
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(DataKind.Int64, KindOf(reader, "n"));
        Assert.Null(rows[10][0]);
        Assert.Null(rows[11][0]);
        var unparsed = reader.Diagnostics.Unparsed["n"];
        Assert.Equal(2, unparsed.Count);
        Assert.Equal(new UnparsedExample(12, "2.5"), unparsed.Examples[0]);
        Assert.Equal(new UnparsedExample(13, "oops"), unparsed.Examples[1]);
    }

    [Fact]
    public async Task ReadBatchesAsync_SpreadsheetStyleMissingMarkers_KeepTheColumnNumeric()
    {
        const string csv = "age\n34\nn/a\n#N/A\n51\n";

        await using var reader = await OpenAsync(csv, "in/age.csv");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(DataKind.Int64, KindOf(reader, "age"));
        Assert.Equal([34L, null, null, 51L], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task ReadBatchesAsync_NullTokensAndEmpty_MissingInTypedColumnsTextInStringColumns()
    {
        const string csv = "n,code\n1,NA\nNA,US\n,\n3,NA\n";

        await using var reader = await OpenAsync(csv, "in/na.csv");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(DataKind.Int64, KindOf(reader, "n"));
        Assert.Equal(DataKind.String, KindOf(reader, "code"));
        Assert.Equal([1L, null, null, 3L], rows.Select(r => r[0]));
        Assert.Equal(["NA", "US", null, "NA"], rows.Select(r => r[1]));
        Assert.Equal(0, reader.Diagnostics.TotalUnparsed);
    }

    [Fact]
    public async Task ReadBatchesAsync_MoreRowsThanChunk_SplitsIntoChunks()
    {
        var csv = "n\n" + string.Join("\n", Enumerable.Range(0, 10));

        await using var reader = await OpenAsync(csv, "in/chunks.csv", csv: new CsvOptions { InferenceRows = 3 }, options: new ReaderOptions { ChunkRows = 4 });
        var offsets = new List<long>();
        var values = new List<object?>();
        await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            offsets.Add(batch.FirstRowIndex);
            for (var i = 0; i < batch.RowCount; i++)
            {
                values.Add(batch["n"].GetValue(i));
            }
        }

        Assert.Equal([0L, 4L, 8L], offsets);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (object?)(long)i), values);
    }

    [Fact]
    public async Task OpenAsync_SemicolonDelimiter_UsesCsvOptions()
    {
        var rows = await ReadRowsAsync("a;b\n1,5;x\n", "in/semi.csv", csv: new CsvOptions { Delimiter = ';' });

        Assert.Equal(["1,5", "x"], rows[0]);
    }

    [Fact]
    public async Task OpenAsync_TsvExtensionUnderAuto_UsesTab()
    {
        var rows = await ReadRowsAsync("a\tb\n1\tx\n", "in/data.tsv");

        Assert.Equal([1L, "x"], rows[0]);
    }

    [Fact]
    public async Task OpenAsync_NoHeaderOption_NamesColumnsAndKeepsFirstRow()
    {
        await using var reader = await OpenAsync("1,x\n2,y\n", "in/nohdr.csv", csv: new CsvOptions { HasHeader = false });
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal("column_1:Int64,column_2:String", reader.Schema.Fingerprint);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task OpenAsync_HeaderExpectedButFirstLineIsData_Throws()
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync("1,2.5,2024-01-01\n3,4,2024-01-02\n", "in/nohdr.csv"));

        Assert.Equal("in/nohdr.csv", e.ObjectKey);
        Assert.Contains("header", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public async Task OpenAsync_EmptyOrBlankCsv_ThrowsWithKey(string text)
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync(text, "in/empty.csv", InputFormat.Csv));

        Assert.Equal("in/empty.csv", e.ObjectKey);
    }

    [Fact]
    public async Task OpenAsync_DuplicateAndEmptyHeaderNames_MadeUniqueWithNotes()
    {
        await using var reader = await OpenAsync("a,a,\n1,2,3\n", "in/dup.csv");

        Assert.Equal(["a", "a_2", "column_3"], reader.Schema.Columns.Select(c => c.Name));
        Assert.Equal(2, reader.Diagnostics.Notes.Count);
    }

    [Fact]
    public async Task ReadBatchesAsync_HeaderOnly_NoBatchesAndStringColumns()
    {
        await using var reader = await OpenAsync("a,b\n", "in/hdr.csv");
        var (rows, sizes) = await ReadAllAsync(reader);

        Assert.Empty(rows);
        Assert.Empty(sizes);
        Assert.Equal("a:String,b:String", reader.Schema.Fingerprint);
    }

    [Fact]
    public async Task ReadBatchesAsync_BomAndCrLf_Handled()
    {
        var rows = await ReadRowsAsync("\uFEFFid,v\r\n1,2\r\n", "in/bom.csv");

        Assert.Equal([1L, 2L], rows[0]);
    }

    [Fact]
    public async Task ReadBatchesAsync_MixedDatesAndTimestamps_TimestampColumn()
    {
        await using var reader = await OpenAsync("t\n2024-01-01\n2024-01-01T10:00:00+02:00\n", "in/t.csv");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(DataKind.Timestamp, KindOf(reader, "t"));
        Assert.Equal(new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc), rows[1][0]);
    }

    [Fact]
    public async Task ReadBatchesAsync_UnterminatedQuote_ThrowsWithLineWhereItOpened()
    {
        const string csv = "id,text\n1,ok\n2,\"never closed\n3,x\n4,y\n";

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => ReadRowsAsync(csv, "in/quote.csv"));

        Assert.Equal(3, e.Line);
        Assert.Contains("quote", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBatchesAsync_CancelledToken_ThrowsOperationCanceled()
    {
        await using var reader = await OpenAsync("a\n1\n2\n", "in/c.csv");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in reader.ReadBatchesAsync(cts.Token))
            {
                Assert.Fail("no batch expected");
            }
        });
    }
}
