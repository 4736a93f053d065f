namespace ServerlessPrep.Local.Tests;

public sealed class CodePointComparerTests
{
    [Theory]
    [InlineData("a", "b")]
    [InlineData("A", "a")]
    [InlineData("a", "ab")]
    [InlineData("", "a")]
    [InlineData("a-b", "a/b")]
    [InlineData("z", "é")]
    [InlineData("\uD7FF", "\uE000")]
    [InlineData("\uE000", "\U0001F600")]
    [InlineData("\uFFFF", "\U00010000")]
    public void Compare_Ordered_FirstIsLess(string first, string second)
    {
        Assert.True(CodePointComparer.Instance.Compare(first, second) < 0);
        Assert.True(CodePointComparer.Instance.Compare(second, first) > 0);
    }

    [Fact]
    public void Compare_ManyStrings_MatchesUtf8ByteOrder()
    {
        var random = new Random(7);
        var strings = Enumerable.Range(0, 500).Select(_ => RandomString(random)).ToArray();

        var byCodePoint = strings.Order(CodePointComparer.Instance).ToArray();
        var byUtf8 = strings.OrderBy(s => System.Text.Encoding.UTF8.GetBytes(s), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToArray();

        Assert.Equal(byUtf8, byCodePoint);
    }

    [Fact]
    public void Compare_Nulls_SortFirst()
    {
        Assert.Equal(0, CodePointComparer.Instance.Compare(null, null));
        Assert.True(CodePointComparer.Instance.Compare(null, "a") < 0);
        Assert.True(CodePointComparer.Instance.Compare("a", null) > 0);
    }

    private static string RandomString(Random random)
    {
        string[] pieces = ["a", "B", "/", "#", "é", "\uE000", "\uFFFD", "\U0001F600", "\U00010000", "中"];
        return string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
    }
}
