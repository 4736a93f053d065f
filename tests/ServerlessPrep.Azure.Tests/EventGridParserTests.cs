using System.Text;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Azure.Tests;

public sealed class EventGridParserTests
{
    [Theory]
    [InlineData("eventgrid-schema-blobcreated.json")]
    [InlineData("cloudevents-schema-blobcreated.json")]
    public void Parse_PublishedBlobCreated_MapsEveryField(string fixture)
    {
        var results = EventGridParser.Parse(File.ReadAllBytes(RepoPaths.Fixture(fixture)));

        var result = Assert.Single(results);
        Assert.Equal(CloudEventParseKind.Created, result.Kind);
        Assert.Equal("5a1f2c3d-001e-0042-7b1c-0a1b2c000001", result.EventId);
        var created = result.Created!;
        Assert.Equal("lake", created.Store);
        Assert.Equal("sales/2026/11/day 25.parquet", created.Key);
        Assert.Equal(173456789, created.Size);
        Assert.Equal("\"0x8DD2C4F1A2B3C4D\"", created.ETag);
        Assert.Equal("0000000000000000000000000001A2B30000000000C0FFEE", created.Sequencer);
        Assert.Null(created.Version);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 41, 0, TimeSpan.Zero).AddTicks(1234567), created.EventTime);
        Assert.Equal("eventgrid", created.Source);
    }

    [Fact]
    public void Parse_SubscriptionValidation_ReturnsCode()
    {
        var result = Assert.Single(EventGridParser.Parse(File.ReadAllBytes(RepoPaths.Fixture("eventgrid-schema-subscription-validation.json"))));

        Assert.Equal(CloudEventParseKind.SubscriptionValidation, result.Kind);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", result.ValidationCode);
    }

    [Fact]
    public void Parse_BlobDeleted_IgnoredWithReason()
    {
        var result = Assert.Single(EventGridParser.Parse(File.ReadAllBytes(RepoPaths.Fixture("eventgrid-schema-blobdeleted.json"))));

        Assert.Equal(CloudEventParseKind.Ignored, result.Kind);
        Assert.Contains("Microsoft.Storage.BlobDeleted", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("[{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"2026-01-01T00:00:00Z\"}]")]
    [InlineData("[{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"data\":{}}]")]
    [InlineData("[{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"data\":{\"url\":\"https://a.blob.core.windows.net/c/b\"}}]")]
    [InlineData("[{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"x\",\"data\":{\"url\":\"https://a.blob.core.windows.net/c/b\"}}]")]
    [InlineData("[{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"data\":{\"url\":\"https://a.blob.core.windows.net/c/b\",\"contentLength\":\"many\"}}]")]
    [InlineData("[{\"id\":\"1\"}]")]
    public void Parse_Malformed_ThrowsFormatException(string body)
        => Assert.Throws<CloudEventFormatException>(() => EventGridParser.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Parse_EmulatorPathStyleUrl_SkipsAccountSegment()
    {
        var body = Event("http://127.0.0.1:10000/devstoreaccount1/lake/a%2Bb/c%25d%20e.csv", subject: null);

        var created = Assert.Single(EventGridParser.Parse(body)).Created!;

        Assert.Equal("lake", created.Store);
        Assert.Equal("a+b/c%d e.csv", created.Key);
    }

    [Fact]
    public void Parse_NoUrl_FallsBackToSubject()
    {
        var body = Event(url: null, subject: "/blobServices/default/containers/lake/blobs/x/blobs/y.csv");

        var created = Assert.Single(EventGridParser.Parse(body)).Created!;

        Assert.Equal("lake", created.Store);
        Assert.Equal("x/blobs/y.csv", created.Key);
    }

    [Fact]
    public void Parse_DataLakeCreateFile_Ignored()
    {
        var body = Event("https://a.dfs.core.windows.net/fs/new.csv", subject: null, api: "CreateFile");

        Assert.Equal(CloudEventParseKind.Ignored, Assert.Single(EventGridParser.Parse(body)).Kind);
    }

    [Fact]
    public void Parse_FolderMarker_Ignored()
    {
        var body = Event("https://a.blob.core.windows.net/lake/folder/", subject: null);

        Assert.Equal(CloudEventParseKind.Ignored, Assert.Single(EventGridParser.Parse(body)).Kind);
    }

    [Fact]
    public void Parse_Batch_ReturnsOneResultPerEvent()
    {
        var one = Encoding.UTF8.GetString(Event("https://a.blob.core.windows.net/lake/1.csv", null)).Trim('[', ']');
        var two = Encoding.UTF8.GetString(Event("https://a.blob.core.windows.net/lake/2.csv", null)).Trim('[', ']');

        var results = EventGridParser.Parse(Encoding.UTF8.GetBytes($"[{one},{two}]"));

        Assert.Equal(["1.csv", "2.csv"], results.Select(r => r.Created!.Key));
    }

    [Fact]
    public void Parse_CloudEventsBatchArray_ParsesEachEvent()
    {
        var one = File.ReadAllText(RepoPaths.Fixture("cloudevents-schema-blobcreated.json"));

        var results = EventGridParser.Parse(Encoding.UTF8.GetBytes($"[{one},{one}]"));

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("sales/2026/11/day 25.parquet", r.Created!.Key));
    }

    private static byte[] Event(string? url, string? subject, string api = "PutBlob")
    {
        var urlJson = url is null ? string.Empty : $",\"url\":\"{url}\"";
        var subjectJson = subject is null ? string.Empty : $"\"subject\":\"{subject}\",";
        return Encoding.UTF8.GetBytes(
            $"[{{{subjectJson}\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"e1\",\"eventTime\":\"2026-11-25T10:00:00Z\","
            + $"\"data\":{{\"api\":\"{api}\",\"contentLength\":5,\"sequencer\":\"01\"{urlJson}}}}}]");
    }
}
