using System.Text;
using ServerlessPrep.Core.Reading;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class Utf8LineReaderTests
{
    private static async Task<List<string>> ReadLinesAsync(string text, int maxLineBytes = 1024, bool forwardOnly = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using Stream stream = forwardOnly ? new ForwardOnlyStream(bytes) : new MemoryStream(bytes);
        var reader = new Utf8LineReader(stream, "k", maxLineBytes);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None))
        {
            lines.Add(Encoding.UTF8.GetString(reader.Line));
            Assert.Equal(lines.Count, reader.LineNumber);
        }

        Assert.False(await reader.ReadLineAsync(CancellationToken.None));
        return lines;
    }

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("\uFEFFa\n\nb\n", new[] { "a", "", "b" })]
    [InlineData("", new string[0])]
    public async Task ReadLineAsync_Text_SplitsLines(string text, string[] expected)
    {
        Assert.Equal(expected, await ReadLinesAsync(text));
    }

    [Fact]
    public async Task ReadLineAsync_LinesAcrossSmallReadsAndBufferGrowth_Intact()
    {
        var lines = Enumerable.Range(0, 300).Select(i => new string((char)('a' + (i % 26)), i * 7)).ToArray();

        var read = await ReadLinesAsync(string.Join("\n", lines) + "\n", maxLineBytes: 4096, forwardOnly: true);

        Assert.Equal(lines, read);
    }

    [Fact]
    public async Task ReadLineAsync_LineOverLimit_ThrowsWithLine()
    {
        var e = await Assert.ThrowsAsync<InvalidDataObjectException>(() => ReadLinesAsync("ok\n" + new string('x', 3000) + "\n", maxLineBytes: 1024));

        Assert.Equal(2, e.Line);
    }
}
