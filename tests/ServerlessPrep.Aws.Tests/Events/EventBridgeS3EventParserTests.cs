using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Tests.Events;

public sealed class EventBridgeS3EventParserTests
{
    [Fact]
    public void Parse_DocumentedObjectCreated_KeyIsNotDecoded()
    {
        var entry = EventBridgeS3EventParser.Parse(TestPayloads.Utf8(TestPayloads.Read("eventbridge-object-created.json")));

        var created = entry.Created!;
        Assert.Equal("amzn-s3-demo-bucket1", created.Store);
        Assert.Equal("raw/my file+1.csv", created.Key);
        Assert.Equal(5, created.Size);
        Assert.Equal("b1946ac92492d2347c6235b4d2611184", created.ETag);
        Assert.Equal("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", created.Version);
        Assert.Equal("617f08299329d189", created.Sequencer);
        Assert.Equal(new DateTimeOffset(2021, 11, 12, 0, 0, 0, TimeSpan.Zero), created.EventTime);
        Assert.Equal("eventbridge", created.Source);
    }

    [Fact]
    public void Parse_ObjectDeleted_IgnoredWithReason()
    {
        var json = TestPayloads.Read("eventbridge-object-created.json").Replace("\"Object Created\"", "\"Object Deleted\"", StringComparison.Ordinal);

        var entry = EventBridgeS3EventParser.Parse(TestPayloads.Utf8(json));

        Assert.Null(entry.Created);
        Assert.Contains("Object Deleted", entry.IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OtherSource_Throws()
    {
        var json = TestPayloads.Read("eventbridge-object-created.json").Replace("\"aws.s3\"", "\"aws.ec2\"", StringComparison.Ordinal);

        Assert.Throws<S3EventFormatException>(() => EventBridgeS3EventParser.Parse(TestPayloads.Utf8(json)));
    }

    [Fact]
    public void Parse_MissingKey_Throws()
    {
        var json = TestPayloads.Read("eventbridge-object-created.json").Replace("\"key\"", "\"nokey\"", StringComparison.Ordinal);

        var ex = Assert.Throws<S3EventFormatException>(() => EventBridgeS3EventParser.Parse(TestPayloads.Utf8(json)));

        Assert.Contains("detail.object.key", ex.Message, StringComparison.Ordinal);
    }
}
