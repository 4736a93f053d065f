using System.Buffers.Binary;
using System.Text;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Local;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class OnlineFeatureReaderTests
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly InMemoryKeyValueStore _kv = new();

    [Fact]
    public async Task GetAsync_Format1JsonItem_StillReadsIt()
    {
        await PutRawAsync("a", TimeUnits.FromDateTime(Day), """{"eventTime":"2024-01-01T00:00:00.0000000Z","source":"orders/old.parquet","features":{"x":1.5,"y":null}}""");

        var row = await CreateSut().GetAsync("orders", "a");

        Assert.NotNull(row);
        Assert.Equal((1, Day, "orders/old.parquet"), (row.Format, row.EventTime, row.Source));
        Assert.Equal(["x", "y"], row.Features.Keys);
        Assert.Equal(1.5, row.Features["x"]);
        Assert.Null(row.Features["y"]);
    }

    [Fact]
    public async Task GetAsync_Format1ItemThenNewerObject_ReplacedByFormat2()
    {
        await PutRawAsync("a", TimeUnits.FromDateTime(Day), """{"eventTime":"2024-01-01T00:00:00.0000000Z","source":"orders/old.parquet","features":{"x":1.5}}""");
        var collector = new OnlineFeatureCollector("orders", "customer", "ts");
        var columns = new Column[]
        {
            new StringColumn("customer", ["a"], 1),
            new Int64Column("ts", [TimeUnits.FromDateTime(Day.AddDays(1))], null, 1, DataKind.Timestamp),
            new DoubleColumn("x", [2.5], null, 1),
        };
        collector.Add(new RowBatch(new BatchSchema(columns.Select(c => new ColumnSchema(c.Name, c.Kind))), columns, 1));

        Assert.Equal(1, await collector.WriteAsync(_kv, "orders/new.parquet", CancellationToken.None));

        var row = await CreateSut().GetAsync("orders", "a");
        Assert.Equal((2, 2.5), (row!.Format, row.Features["x"]!.Value));
    }

    [Fact]
    public async Task GetAsync_UnknownFormat_FailsNamingTheEntityAndFormat()
    {
        await _kv.PutAsync(new KvItem(KvKeys.Entity("orders", "a"), KvKeys.OnlineFeatures, new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 9, 1, 2 }), KvWriteCondition.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => CreateSut().GetAsync("orders", "a").AsTask());

        Assert.Contains("entity 'a' in 'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains("format 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_MissingFeatureView_FailsNamingTheView()
    {
        var value = OnlineFeatureCodec.Encode(1, 0xABCDEFUL, "s"u8, [1.0], [0UL]);
        await _kv.PutAsync(new KvItem(KvKeys.Entity("orders", "a"), KvKeys.OnlineFeatures, value), KvWriteCondition.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => CreateSut().GetAsync("orders", "a").AsTask());

        Assert.Contains(KvKeys.FeatureView(0xABCDEFUL), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetManyAsync_MissingEntity_ReturnsNullInItsPlace()
    {
        Assert.Equal([null, null], await CreateSut().GetManyAsync("orders", ["a", "b"]));
    }

    private OnlineFeatureReader CreateSut() => new(_kv);

    private async Task PutRawAsync(string entity, long eventTime, string json)
    {
        var value = new byte[8 + Encoding.UTF8.GetByteCount(json)];
        BinaryPrimitives.WriteInt64BigEndian(value, eventTime);
        Encoding.UTF8.GetBytes(json, value.AsSpan(8));
        await _kv.PutAsync(new KvItem(KvKeys.Entity("orders", entity), KvKeys.OnlineFeatures, value), KvWriteCondition.None);
    }
}
