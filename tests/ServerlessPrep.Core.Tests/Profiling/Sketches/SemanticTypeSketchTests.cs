using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Sketches;

namespace ServerlessPrep.Core.Tests.Profiling.Sketches;

public sealed class SemanticTypeSketchTests
{
    [Theory]
    [InlineData("ada.lovelace@example.com", TextPattern.Email)]
    [InlineData("https://example.com/a?b=c", TextPattern.Url)]
    [InlineData("www.example.org", TextPattern.Url)]
    [InlineData("+1 (555) 010-4477", TextPattern.Phone)]
    [InlineData("555-010-4477", TextPattern.Phone)]
    [InlineData("555.010.4477", TextPattern.Phone)]
    [InlineData("2024-03-01", TextPattern.Date)]
    [InlineData("2024-03-01T10:15:00Z", TextPattern.Date)]
    [InlineData("1,234.5", TextPattern.Numeric)]
    [InlineData("-17", TextPattern.Numeric)]
    [InlineData("hello world", TextPattern.Other)]
    [InlineData("a@b", TextPattern.Other)]
    public void Classify_Value_Pattern(string value, int expected) => Assert.Equal(expected, TextPattern.Classify(value));

    [Fact]
    public void Infer_MostlyEmails_Email()
    {
        var sketch = new SemanticTypeSketch();
        for (var i = 0; i < 95; i++)
        {
            sketch.Add($"u{i}@example.com");
        }

        for (var i = 0; i < 5; i++)
        {
            sketch.Add("n/a");
        }

        Assert.Equal(SemanticType.Email, sketch.Infer(95, 100, 1));
    }

    [Fact]
    public void Infer_FewDistinctWords_Categorical()
    {
        var sketch = new SemanticTypeSketch();
        sketch.Add("red");
        Assert.Equal(SemanticType.Categorical, sketch.Infer(50, 100_000, 1));
    }

    [Fact]
    public void Infer_ManyDistinctSentences_FreeText()
    {
        var sketch = new SemanticTypeSketch();
        sketch.Add("the quick brown fox jumps");
        Assert.Equal(SemanticType.FreeText, sketch.Infer(90_000, 100_000, 12));
    }
}
