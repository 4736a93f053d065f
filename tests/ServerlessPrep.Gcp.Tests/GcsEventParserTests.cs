using System.Text;
using System.Text.Json;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

public sealed class GcsEventParserTests
{
    [Fact]
    public void Parse_PublishedFinalizedData_MapsEveryField()
    {
        var result = GcsEventParser.Parse(GcsEventParser.FinalizedType, "e1", null, File.ReadAllBytes(RepoPaths.Fixture("gcs-finalized-data.json")));

        Assert.Equal(CloudEventParseKind.Created, result.Kind);
        var created = result.Created!;
        Assert.Equal("prep-lake", created.Store);
        Assert.Equal("raw/sales/2026/11/day 25.parquet", created.Key);
        Assert.Equal(173456789, created.Size);
        Assert.Equal("1764063660123456", created.Version);
        Assert.Equal("1764063660123456", created.Sequencer);
        Assert.Equal("CMDk2dO2+YkDEAE=", created.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 41, 0, 123, TimeSpan.Zero), created.EventTime);
        Assert.Equal("gcs", created.Source);
    }

    [Fact]
    public void Parse_StructuredFixtureData_SameAsDataFixture()
    {
        using var structured = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.Fixture("gcs-finalized-structured.json")));
        var data = Encoding.UTF8.GetBytes(structured.RootElement.GetProperty("data").GetRawText());

        var result = GcsEventParser.Parse(structured.RootElement.GetProperty("type").GetString()!, "e1", null, data);

        Assert.Equal("raw/sales/2026/11/day 25.parquet", result.Created!.Key);
    }

    [Theory]
    [InlineData("google.cloud.storage.object.v1.deleted")]
    [InlineData("google.cloud.storage.object.v1.metadataUpdated")]
    [InlineData("com.example.unknown")]
    public void Parse_OtherType_IgnoredWithReason(string type)
    {
        var result = GcsEventParser.Parse(type, "e1", null, "{}"u8.ToArray());

        Assert.Equal(CloudEventParseKind.Ignored, result.Kind);
        Assert.Contains(type, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NumericSizeAndNoTimes_FallsBackToEventTime()
    {
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var created = GcsEventParser.Parse(GcsEventParser.FinalizedType, "e1", time, """{"bucket":"b","name":"n.csv","size":12,"generation":"7"}"""u8.ToArray()).Created!;

        Assert.Equal(12, created.Size);
        Assert.Equal(time, created.EventTime);
    }

    [Fact]
    public void Parse_FolderMarker_Ignored()
        => Assert.Equal(CloudEventParseKind.Ignored, GcsEventParser.Parse(GcsEventParser.FinalizedType, "e", null, """{"bucket":"b","name":"dir/","generation":"1","updated":"2026-01-01T00:00:00Z"}"""u8.ToArray()).Kind);

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"name":"n","updated":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"bucket":"b","updated":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"bucket":"b","name":"n","size":"-1","updated":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"bucket":"b","name":"n","generation":"x","updated":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"bucket":"b","name":"n"}""")]
    public void Parse_MalformedData_ThrowsFormatException(string data)
        => Assert.Throws<CloudEventFormatException>(() => GcsEventParser.Parse(GcsEventParser.FinalizedType, "e", null, Encoding.UTF8.GetBytes(data)));
}
