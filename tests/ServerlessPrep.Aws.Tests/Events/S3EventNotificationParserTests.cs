using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Tests.Events;

public sealed class S3EventNotificationParserTests
{
    [Fact]
    public void Parse_DocumentedPutSample_MapsEveryField()
    {
        var entries = S3EventNotificationParser.Parse(TestPayloads.Utf8(TestPayloads.Read("s3-put.json")));

        var created = Assert.Single(entries).Created;
        Assert.NotNull(created);
        Assert.Equal("lambda-artifacts-deafc19498e3f2df", created.Store);
        Assert.Equal("raw/sales/2019 Q3/b21b84d653bb07b05b1e6b33684dc11b.csv", created.Key);
        Assert.Equal(1305107, created.Size);
        Assert.Equal("b21b84d653bb07b05b1e6b33684dc11b", created.ETag);
        Assert.Equal("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", created.Version);
        Assert.Equal("0C0F6F405D6ED209E1", created.Sequencer);
        Assert.Equal(new DateTimeOffset(2019, 9, 3, 19, 37, 27, 192, TimeSpan.Zero), created.EventTime);
        Assert.Equal("s3", created.Source);
    }

    [Theory]
    [InlineData("my+file.csv", "my file.csv")]
    [InlineData("a%2Bb.csv", "a+b.csv")]
    [InlineData("caf%C3%A9/%E6%95%B0%E6%8D%AE.parquet", "café/数据.parquet")]
    [InlineData("dir/x%3Dy%26z%25.csv", "dir/x=y&z%.csv")]
    [InlineData("plain/key.csv", "plain/key.csv")]
    public void Parse_UrlEncodedKey_DecodesLikeS3(string encoded, string expected)
    {
        var entries = S3EventNotificationParser.Parse(TestPayloads.Utf8(TestPayloads.S3Event(encoded)));

        Assert.Equal(expected, Assert.Single(entries).Created!.Key);
    }

    [Theory]
    [InlineData("ObjectRemoved:Delete")]
    [InlineData("ObjectRestore:Completed")]
    [InlineData("LifecycleExpiration:Delete")]
    public void Parse_NotACreation_IgnoredWithReason(string eventName)
    {
        var entry = Assert.Single(S3EventNotificationParser.Parse(TestPayloads.Utf8(TestPayloads.S3Event("k.csv", eventName))));

        Assert.Null(entry.Created);
        Assert.Contains(eventName, entry.IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_S3TestEvent_Ignored()
    {
        var entry = Assert.Single(S3EventNotificationParser.Parse(TestPayloads.Utf8(TestPayloads.Read("s3-test-event.json"))));

        Assert.Null(entry.Created);
        Assert.Contains("s3:TestEvent", entry.IgnoredReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\"}]}")]
    [InlineData("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"x\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}}]}")]
    [InlineData("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"2020-01-01T00:00:00Z\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\",\"size\":-1}}}]}")]
    [InlineData("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}")]
    public void Parse_MalformedOrUnknown_ThrowsFormatException(string json)
    {
        var ex = Assert.Throws<S3EventFormatException>(() => S3EventNotificationParser.Parse(TestPayloads.Utf8(json)));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Parse_QuotedETagWithoutVersion_NormalizesAndLeavesVersionNull()
    {
        const string json = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Copy\",\"eventTime\":\"2020-01-01T00:00:00Z\","
            + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\",\"size\":3,\"eTag\":\"\\\"abc\\\"\",\"versionId\":\"\"}}}]}";

        var created = Assert.Single(S3EventNotificationParser.Parse(TestPayloads.Utf8(json))).Created!;

        Assert.Equal("abc", created.ETag);
        Assert.Null(created.Version);
        Assert.Null(created.Sequencer);
    }
}
