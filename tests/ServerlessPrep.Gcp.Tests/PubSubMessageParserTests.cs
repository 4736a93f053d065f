using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

/// <summary>Cloud Storage notifications on Pub/Sub, as Eventarc delivers them (MessagePublishedData).</summary>
public sealed class PubSubMessageParserTests
{
    private const string Type = PubSubMessageParser.MessagePublishedType;

    [Fact]
    public void Parse_NotificationFixture_JsonApiV1PayloadGivesEveryField()
    {
        using var structured = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Fixture("pubsub-gcs-notification-structured.json")));
        var data = Encoding.UTF8.GetBytes(structured.RootElement.GetProperty("data").GetRawText());

        var result = PubSubMessageParser.Parse(Type, "12873646318945123", null, data);

        Assert.Equal(CloudEventParseKind.Created, result.Kind);
        var created = result.Created!;
        Assert.Equal(("prep-lake", "raw/sales/2026/11/day 25.parquet", 48213L), (created.Store, created.Key, created.Size));
        Assert.Equal(("1764063660123456", "1764063660123456", "CMDk2dO2+YkDEAE="), (created.Version, created.Sequencer, created.ETag));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 41, 0, 123, TimeSpan.Zero), created.EventTime);
        Assert.Equal("pubsub", created.Source);
    }

    [Fact]
    public void Parse_PayloadFormatNone_TakesBucketObjectGenerationAndTimeFromAttributes()
    {
        var data = Message(Attributes(payloadFormat: "NONE"), payload: null);

        var created = PubSubMessageParser.Parse(Type, null, null, data).Created!;

        Assert.Equal(("prep-lake", "raw/a b.csv", 0L, null), (created.Store, created.Key, created.Size, created.ETag));
        Assert.Equal(("1764063660000001", "1764063660000001"), (created.Version, created.Sequencer));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 41, 0, 123, TimeSpan.Zero).AddTicks(4560), created.EventTime);
    }

    [Fact]
    public void Parse_NoEventId_UsesTheMessageId()
    {
        var result = PubSubMessageParser.Parse(Type, null, null, Message(Attributes(payloadFormat: "NONE"), payload: null));

        Assert.Equal("m-1", result.EventId);
    }

    [Theory]
    [InlineData("OBJECT_DELETE", "'OBJECT_DELETE' is not OBJECT_FINALIZE")]
    [InlineData("OBJECT_METADATA_UPDATE", "is not OBJECT_FINALIZE")]
    [InlineData(null, "not a Cloud Storage notification")]
    public void Parse_OtherNotifications_AreIgnoredWithTheReason(string? eventType, string reason)
    {
        var attributes = Attributes(payloadFormat: "NONE");
        if (eventType is null)
        {
            attributes.Remove("eventType");
        }
        else
        {
            attributes["eventType"] = eventType;
        }

        var result = PubSubMessageParser.Parse(Type, "e", null, Message(attributes, payload: null));

        Assert.Equal(CloudEventParseKind.Ignored, result.Kind);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FolderMarker_IsIgnored()
    {
        var attributes = Attributes(payloadFormat: "NONE");
        attributes["objectId"] = "raw/sales/";

        Assert.Equal(CloudEventParseKind.Ignored, PubSubMessageParser.Parse(Type, "e", null, Message(attributes, payload: null)).Kind);
    }

    [Fact]
    public void Parse_AnotherEventType_IsIgnored()
    {
        var result = PubSubMessageParser.Parse(GcsEventParser.FinalizedType, "e", null, "{}"u8.ToArray());

        Assert.Equal(CloudEventParseKind.Ignored, result.Kind);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "[]", "expected MessagePublishedData" },
        { """{"subscription":"s"}""", "expected MessagePublishedData" },
        { """{"message":{"attributes":{"eventType":"OBJECT_FINALIZE","payloadFormat":"JSON_API_V1"},"data":"not base64!"}}""", "'data' must be base64" },
        { """{"message":{"attributes":{"eventType":"OBJECT_FINALIZE","payloadFormat":"JSON_API_V1"},"data":"WzFd"}}""", "must be a JSON object (storage#object)" },
        { """{"message":{"attributes":{"eventType":"OBJECT_FINALIZE","payloadFormat":"NONE","objectId":"a.csv","eventTime":"2026-11-25T09:41:00Z"}}}""", "'bucketId' is missing" },
        { """{"message":{"attributes":{"eventType":"OBJECT_FINALIZE","payloadFormat":"NONE","bucketId":"b","objectId":"a.csv","objectGeneration":"-1","eventTime":"2026-11-25T09:41:00Z"}}}""", "'objectGeneration' must be a decimal" },
        { """{"message":{"attributes":{"eventType":"OBJECT_FINALIZE","payloadFormat":"NONE","bucketId":"b","objectId":"a.csv"}}}""", "no 'eventTime' attribute" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Malformed_ThrowsNamingWhatWasExpected(string data, string expected)
    {
        var error = Assert.Throws<CloudEventFormatException>(() => PubSubMessageParser.Parse(Type, "e9", null, Encoding.UTF8.GetBytes(data)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("'e9'", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Attributes(string payloadFormat) => new()
    {
        ["bucketId"] = "prep-lake",
        ["objectId"] = "raw/a b.csv",
        ["objectGeneration"] = "1764063660000001",
        ["eventType"] = "OBJECT_FINALIZE",
        ["eventTime"] = "2026-11-25T09:41:00.123456Z",
        ["payloadFormat"] = payloadFormat,
    };

    private static byte[] Message(Dictionary<string, string> attributes, string? payload)
    {
        var message = new JsonObject
        {
            ["attributes"] = new JsonObject(attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            ["messageId"] = "m-1",
            ["publishTime"] = "2026-11-25T09:41:01Z",
        };
        if (payload is not null)
        {
            message["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message, ["subscription"] = "projects/prep/subscriptions/s" }.ToJsonString());
    }
}
