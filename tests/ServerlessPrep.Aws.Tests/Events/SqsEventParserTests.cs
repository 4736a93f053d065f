using System.Text.Json;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Tests.Events;

public sealed class SqsEventParserTests
{
    [Fact]
    public void Parse_Batch_ReturnsIdsAndBodies()
    {
        using var document = JsonDocument.Parse(TestPayloads.SqsBatch("a", "b"));

        var messages = SqsEventParser.Parse(document.RootElement);

        Assert.Equal(["m0", "m1"], messages.Select(m => m.MessageId));
        Assert.Equal(["a", "b"], messages.Select(m => m.Body));
    }

    [Fact]
    public void IsMatch_S3Notification_False()
    {
        using var document = JsonDocument.Parse(TestPayloads.Read("s3-put.json"));

        Assert.False(SqsEventParser.IsMatch(document.RootElement));
        Assert.True(S3EventNotificationParser.IsMatch(document.RootElement));
    }

    [Fact]
    public void ParseBody_S3Notification_SourceIsSqs()
    {
        var created = Assert.Single(SqsEventParser.ParseBody(TestPayloads.S3Event("a+b.csv"))).Created!;

        Assert.Equal("a b.csv", created.Key);
        Assert.Equal("sqs", created.Source);
    }

    [Fact]
    public void ParseBody_EventBridgeEvent_SourceIsSqs()
    {
        var created = Assert.Single(SqsEventParser.ParseBody(TestPayloads.Read("eventbridge-object-created.json"))).Created!;

        Assert.Equal("raw/my file+1.csv", created.Key);
        Assert.Equal("sqs", created.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"hello\":1}")]
    public void ParseBody_Unreadable_Throws(string body)
        => Assert.Throws<S3EventFormatException>(() => SqsEventParser.ParseBody(body));

    [Fact]
    public void Parse_RecordWithoutMessageId_Throws()
    {
        using var document = JsonDocument.Parse("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":\"x\"}]}");

        Assert.Throws<S3EventFormatException>(() => SqsEventParser.Parse(document.RootElement));
    }
}
