using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Tests.Profiling.Sketches;

public sealed class TextSketchTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("one", 1)]
    [InlineData(" leading and trailing ", 3)]
    [InlineData("a\tb\nc\r\nd", 4)]
    [InlineData("a  very long sentence that spans more than eight characters many times over", 13)]
    public void Count_Tokens_MatchesSplit(string text, int expected)
    {
        Assert.Equal(expected, TextTokens.Count(text));
        Assert.Equal(text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Length, TextTokens.Count(text));
    }

    [Fact]
    public void Merge_Parts_EqualsWhole()
    {
        string[] values = ["alpha beta", "", "gamma", "delta epsilon zeta eta"];
        var whole = new TextSketch();
        var left = new TextSketch();
        var right = new TextSketch();
        for (var i = 0; i < values.Length; i++)
        {
            whole.Add(values[i]);
            (i < 2 ? left : right).Add(values[i]);
        }

        left.Merge(right);

        Assert.Equal((whole.Count, whole.MinLength, whole.MaxLength, whole.TotalLength), (left.Count, left.MinLength, left.MaxLength, left.TotalLength));
        Assert.Equal((0L, 4L, 7L, 1L), (left.MinTokens, left.MaxTokens, left.TotalTokens, left.EmptyCount));
    }
}
