using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;
using static ServerlessPrep.Core.Tests.Reading.ReaderTestHelpers;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class JsonLinesBatchReaderTests
{
    [Fact]
    public async Task OpenAsync_MixedKeys_SchemaIsUnionInFirstSeenOrder()
    {
        const string jsonl = """
            {"id": 1, "name": "a"}
            {"id": 2, "score": 1.5, "name": "b"}
            {"ok": true, "id": 3}
            """;

        await using var reader = await OpenAsync(jsonl, "in/data.jsonl");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(InputFormat.JsonLines, reader.Format);
        Assert.Equal("id:Int64,name:String,score:Double,ok:Boolean", reader.Schema.Fingerprint);
        Assert.Equal([1L, "a", null, null], rows[0]);
        Assert.Equal([2L, "b", 1.5, null], rows[1]);
        Assert.Equal([3L, null, null, true], rows[2]);
    }

    [Fact]
    public async Task ReadBatchesAsync_NestedValues_RawJsonText()
    {
        const string jsonl = """
            {"id": 1, "tags": ["x", "y"], "addr": {"city": "Oslo", "zip": "0150"}}
            {"id": 2, "tags": [], "addr": null}
            {"id": 3}
            """;

        await using var reader = await OpenAsync(jsonl, "in/nested.ndjson");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal(DataKind.Nested, KindOf(reader, "tags"));
        Assert.Equal(DataKind.Nested, KindOf(reader, "addr"));
        Assert.Equal("""["x", "y"]""", rows[0][1]);
        Assert.Equal("""{"city": "Oslo", "zip": "0150"}""", rows[0][2]);
        Assert.Equal("[]", rows[1][1]);
        Assert.Null(rows[1][2]);
        Assert.Null(rows[2][1]);
    }

    [Fact]
    public async Task ReadBatchesAsync_StringsWithEscapesAndTimestamps_Parsed()
    {
        const string jsonl = """
            {"s": "a\"b\n\u00e9", "at": "2024-05-06T07:08:09Z", "day": "2024-05-06", "empty": ""}
            """;

        await using var reader = await OpenAsync(jsonl, "in/s.jsonl");
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal("s:String,at:Timestamp,day:Date,empty:String", reader.Schema.Fingerprint);
        Assert.Equal(["a\"b\né", new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc), ""], rows[0]);
    }

    [Fact]
    public async Task ReadBatchesAsync_BadLineAfterSample_NamesLine()
    {
        var jsonl = string.Join("\n", Enumerable.Range(0, 5).Select(i => $$"""{"n": {{i}}}""")) + "\n{\"n\": 5,\n";

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(
            () => ReadRowsAsync(jsonl, "in/bad.jsonl", options: new ReaderOptions { JsonInferenceRows = 2 }));

        Assert.Equal("in/bad.jsonl", e.ObjectKey);
        Assert.Equal(6, e.Line);
    }

    [Theory]
    [InlineData("[1, 2]", 1)]
    [InlineData("{\"a\": 1}\n42", 2)]
    [InlineData("{\"a\": 1} {\"a\": 2}", 1)]
    public async Task OpenAsync_LineNotOneObject_ThrowsWithLine(string text, long line)
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => ReadRowsAsync(text, "in/x.jsonl"));

        Assert.Equal(line, e.Line);
    }

    [Fact]
    public async Task ReadBatchesAsync_KeyFirstSeenAfterSample_IgnoredWithNote()
    {
        const string jsonl = "{\"a\": 1}\n{\"a\": 2, \"late\": 5}\n";

        await using var reader = await OpenAsync(jsonl, "in/late.jsonl", options: new ReaderOptions { JsonInferenceRows = 1 });
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal("a:Int64", reader.Schema.Fingerprint);
        Assert.Equal(2, rows.Count);
        Assert.Contains(reader.Diagnostics.Notes, n => n.Contains("'late'", StringComparison.Ordinal) && n.Contains("line 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadBatchesAsync_FractionInIntegerColumnAfterSample_MissingAndCounted()
    {
        const string jsonl = "{\"n\": 1}\n{\"n\": 2.5}\n{\"n\": \"7\"}\n";

        await using var reader = await OpenAsync(jsonl, "in/n.jsonl", options: new ReaderOptions { JsonInferenceRows = 1 });
        var (rows, _) = await ReadAllAsync(reader);

        Assert.Equal([1L, null, 7L], rows.Select(r => r[0]));
        Assert.Equal(1, reader.Diagnostics.Unparsed["n"].Count);
    }

    [Fact]
    public async Task ReadBatchesAsync_BlankLinesCrLfAndChunks_AllRowsInOrder()
    {
        var jsonl = string.Join("\r\n", Enumerable.Range(0, 7).Select(i => $$"""{"n": {{i}}}""")) + "\r\n\r\n";

        await using var reader = await OpenAsync(jsonl, "in/c.jsonl", options: new ReaderOptions { ChunkRows = 3, JsonInferenceRows = 2 });
        var (rows, sizes) = await ReadAllAsync(reader);

        Assert.Equal([3, 3, 1], sizes);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (object?)(long)i), rows.Select(r => r[0]));
    }

    [Fact]
    public async Task ReadBatchesAsync_LineLongerThanLimit_Throws()
    {
        var jsonl = "{\"a\": 1}\n{\"a\": \"" + new string('x', 5000) + "\"}\n";

        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(
            () => ReadRowsAsync(jsonl, "in/long.jsonl", options: new ReaderOptions { MaxFieldBytes = 2048 }));

        Assert.Equal(2, e.Line);
    }

    [Fact]
    public async Task OpenAsync_BlankObject_Throws()
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync("\n  \n", "in/blank.jsonl", InputFormat.JsonLines));

        Assert.Equal("in/blank.jsonl", e.ObjectKey);
    }

    [Fact]
    public async Task ReadBatchesAsync_TrailingNewlineAndWholeFileInSample_ReadsEveryRowOnce()
    {
        var rows = await ReadRowsAsync("{\"a\": 1}\n{\"a\": 2}\n", "in/t.jsonl");

        Assert.Equal([1L, 2L], rows.Select(r => r[0]));
    }
}
