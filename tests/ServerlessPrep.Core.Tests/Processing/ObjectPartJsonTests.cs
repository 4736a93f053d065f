using System.Text;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class ObjectPartJsonTests
{
    private const string EventBridge = """
        {"version":"0","id":"1","detail-type":"Object Created","source":"aws.s3","time":"2026-11-25T10:30:15Z","resources":[],
         "detail":{"bucket":{"name":"lake"},"object":{"key":"sales/big.parquet","size":10,"etag":"e"}PART}}
        """;

    private const string EventGrid = """
        [{"id":"1","subject":"/blobServices/default/containers/lake/blobs/sales/big.parquet","eventType":"Microsoft.Storage.BlobCreated",
          "eventTime":"2026-11-25T10:30:15Z","data":{"eTag":"0x1","contentLength":10,"url":"https://acct.blob.core.windows.net/lake/sales/big.parquet"PART}}]
        """;

    private const string Part = ""","serverlessprepPart":{"runId":"r","phase":2,"index":1,"count":3,"firstRowGroup":4,"rowGroups":4,"firstRow":400,"rows":380}""";

    [Fact]
    public void Parsers_EventWithAPartDescriptor_ReadItBack_AndEventsWithoutOneAreWholeObjects()
    {
        var expected = new ObjectPart("r", 2, 1, 3, 4, 4, 400, 380);

        Assert.Equal(expected, EventBridgeS3EventParser.Parse(Encoding.UTF8.GetBytes(EventBridge.Replace("PART", Part, StringComparison.Ordinal))).Created!.Part);
        Assert.Null(EventBridgeS3EventParser.Parse(Encoding.UTF8.GetBytes(EventBridge.Replace("PART", "", StringComparison.Ordinal))).Created!.Part);
        Assert.Equal(expected, Assert.Single(EventGridParser.Parse(Encoding.UTF8.GetBytes(EventGrid.Replace("PART", Part, StringComparison.Ordinal)))).Created!.Part);
        Assert.Null(Assert.Single(EventGridParser.Parse(Encoding.UTF8.GetBytes(EventGrid.Replace("PART", "", StringComparison.Ordinal)))).Created!.Part);
    }

    [Fact]
    public void Parsers_MalformedPartDescriptor_FailTheMessageWithTheReason()
    {
        const string bad = ""","serverlessprepPart":{"runId":"r","phase":3,"index":0,"count":1,"firstRowGroup":0,"rowGroups":1,"firstRow":0,"rows":1}""";

        var s3 = Assert.Throws<S3EventFormatException>(() => EventBridgeS3EventParser.Parse(Encoding.UTF8.GetBytes(EventBridge.Replace("PART", bad, StringComparison.Ordinal))));
        var grid = Assert.Throws<CloudEventFormatException>(() => EventGridParser.Parse(Encoding.UTF8.GetBytes(EventGrid.Replace("PART", bad, StringComparison.Ordinal))));

        Assert.Contains("serverlessprepPart", s3.Message, StringComparison.Ordinal);
        Assert.Contains("inconsistent", grid.Message, StringComparison.Ordinal);
    }
}
