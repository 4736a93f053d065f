using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Local;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class OnlineFeatureCollectorTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sp-online-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    public static TheoryData<string> Stores => new() { "memory", "sqlite" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Add_RowsOutOfOrderWithinAndAcrossBatches_KeepsTheNewestRowPerEntity(string store)
    {
        var kv = CreateStore(store);
        var sut = CreateSut();
        sut.Add(Batch(["a", "b", "a", "a", "b"], [Day.AddHours(2), Day, Day.AddHours(5), Day.AddHours(1), Day], [1, 2, 3, 4, 5]));
        sut.Add(Batch(["b", "a"], [Day.AddHours(3), Day.AddHours(4)], [6, 7]));

        var written = await sut.WriteAsync(kv, "orders/x.parquet", CancellationToken.None);

        var rows = await new OnlineFeatureReader(kv).GetManyAsync("orders", ["a", "b"]);
        Assert.Equal(2, written);
        Assert.Equal(2, sut.EntityCount);
        Assert.Equal((Day.AddHours(5), 3.0), (rows[0]!.EventTime, rows[0]!.Features["x"]!.Value));
        Assert.Equal((Day.AddHours(3), 6.0), (rows[1]!.EventTime, rows[1]!.Features["x"]!.Value));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Add_EqualEventTimes_TheFirstRowStays(string store)
    {
        var kv = CreateStore(store);
        var sut = CreateSut();
        sut.Add(Batch(["a", "a"], [Day, Day], [1, 2]));

        await sut.WriteAsync(kv, "orders/x.parquet", CancellationToken.None);

        Assert.Equal(1.0, (await new OnlineFeatureReader(kv).GetAsync("orders", "a"))!.Features["x"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task WriteAsync_OlderObjectAfterNewerOne_NeverRollsBackAndTiesKeepTheFirstWriter(string store)
    {
        var kv = CreateStore(store);
        var newer = CreateSut();
        newer.Add(Batch(["a", "b", "c"], [Day.AddDays(2), Day, Day], [1, 2, 3]));
        var older = CreateSut();
        older.Add(Batch(["a", "b", "c"], [Day, Day.AddDays(1), Day], [10, 20, 30]));

        var first = await newer.WriteAsync(kv, "orders/new.parquet", CancellationToken.None);
        var second = await older.WriteAsync(kv, "orders/old.parquet", CancellationToken.None);

        var rows = await new OnlineFeatureReader(kv).GetManyAsync("orders", ["a", "b", "c"]);
        Assert.Equal((3, 1), (first, second));
        Assert.Equal(["orders/new.parquet", "orders/old.parquet", "orders/new.parquet"], rows.Select(r => r!.Source));
        Assert.Equal([1.0, 20.0, 3.0], rows.Select(r => r!.Features["x"]!.Value));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task WriteAsync_ManyEntitiesAndFeatures_RoundTripsValuesNullsAndNaN(string store)
    {
        // 5,000 entities cross a 4,096-row slab block; 70 features cross a 64-bit null word.
        const int entities = 5_000;
        const int features = 70;
        var kv = CreateStore(store);
        var sut = CreateSut();
        var ids = Enumerable.Range(0, entities).Select(i => $"e{i}").ToArray();
        var columns = new List<Column> { new StringColumn("customer", ids, entities), new Int64Column("ts", Enumerable.Range(0, entities).Select(i => TimeUnits.FromDateTime(Day) + i).ToArray(), null, entities, DataKind.Timestamp) };
        for (var f = 0; f < features; f++)
        {
            var feature = f;
            var values = Enumerable.Range(0, entities).Select(i => feature == 1 && i % 7 == 0 ? double.NaN : (i * 1000.0) + feature).ToArray();
            var nulls = Enumerable.Range(0, entities).Select(i => feature is 0 or 65 && i % 3 == 0).ToArray();
            columns.Add(new DoubleColumn($"f{f}", values, nulls, entities));
        }

        sut.Add(new RowBatch(new BatchSchema(columns.Select(c => new ColumnSchema(c.Name, c.Kind))), columns, entities));
        Assert.Equal(entities, await sut.WriteAsync(kv, "orders/x.parquet", CancellationToken.None));

        var rows = await new OnlineFeatureReader(kv).GetManyAsync("orders", ids);
        for (var i = 0; i < entities; i++)
        {
            var row = rows[i]!;
            Assert.Equal(Day.AddTicks(i * 10), row.EventTime);
            Assert.Equal(Enumerable.Range(0, features).Select(f => $"f{f}"), row.Features.Keys);
            Assert.Equal(i % 3 == 0 ? null : i * 1000.0, row.Features["f0"]);
            Assert.Equal(i % 7 == 0 ? double.NaN : (i * 1000.0) + 1, row.Features["f1"]);
            Assert.Equal(i % 3 == 0 ? null : (i * 1000.0) + 65, row.Features["f65"]);
            Assert.Equal((i * 1000.0) + 69, row.Features["f69"]);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task WriteAsync_ConcurrentWriters_EveryEntityEndsWithItsNewestRow(string store)
    {
        var kv = CreateStore(store);
        var ids = Enumerable.Range(0, 300).Select(i => $"e{i:D3}").ToArray();
        var writers = Enumerable.Range(0, 6).Select(w =>
        {
            // Writer w's row for entity i is at hour (i + w) % 6: the newest writer differs from entity to entity.
            var sut = CreateSut();
            sut.Add(Batch(ids, ids.Select((_, i) => Day.AddHours((i + w) % 6)).ToArray(), ids.Select(_ => (double)w).ToArray()));
            return sut;
        }).ToList();

        await Task.WhenAll(writers.Select((sut, w) => Task.Run(() => sut.WriteAsync(kv, $"orders/w{w}.parquet", CancellationToken.None))));

        var rows = await new OnlineFeatureReader(kv).GetManyAsync("orders", ids);
        for (var i = 0; i < ids.Length; i++)
        {
            var newest = Enumerable.Range(0, 6).Single(w => (i + w) % 6 == 5);
            Assert.Equal((Day.AddHours(5), (double)newest, $"orders/w{newest}.parquet"), (rows[i]!.EventTime, rows[i]!.Features["x"]!.Value, rows[i]!.Source));
        }
    }

    [Fact]
    public async Task Add_IntegerEntityColumn_KeysByTheInvariantNumberText()
    {
        var kv = new InMemoryKeyValueStore();
        var sut = CreateSut();
        var columns = new Column[]
        {
            new Int64Column("customer", [-12, 7, -12], null, 3),
            new Int64Column("ts", [1, 2, 3], null, 3, DataKind.Timestamp),
            new DoubleColumn("x", [1, 2, 3], null, 3),
        };
        sut.Add(new RowBatch(new BatchSchema(columns.Select(c => new ColumnSchema(c.Name, c.Kind))), columns, 3));

        await sut.WriteAsync(kv, "orders/x.parquet", CancellationToken.None);

        var rows = await new OnlineFeatureReader(kv).GetManyAsync("orders", ["-12", "7"]);
        Assert.Equal([3.0, 2.0], rows.Select(r => r!.Features["x"]!.Value));
    }

    [Fact]
    public async Task Add_NullEntityOrEventTime_SkipsTheRow()
    {
        var kv = new InMemoryKeyValueStore();
        var sut = CreateSut();
        var columns = new Column[]
        {
            new StringColumn("customer", ["a", null, "b"], 3),
            new Int64Column("ts", [1, 2, 3], [false, false, true], 3, DataKind.Timestamp),
            new DoubleColumn("x", [1, 2, 3], null, 3),
        };
        sut.Add(new RowBatch(new BatchSchema(columns.Select(c => new ColumnSchema(c.Name, c.Kind))), columns, 3));

        Assert.Equal(1, await sut.WriteAsync(kv, "orders/x.parquet", CancellationToken.None));
        Assert.Null(await new OnlineFeatureReader(kv).GetAsync("orders", "b"));
    }

    [Fact]
    public async Task WriteAsync_StoresTheFeatureNamesOnceAsAFeatureView()
    {
        var kv = new InMemoryKeyValueStore();
        var sut = CreateSut();
        sut.Add(Batch(["a", "b"], [Day, Day], [1, 2]));

        await sut.WriteAsync(kv, "orders/x.parquet", CancellationToken.None);

        var views = await kv.QueryAsync(KvKeys.Dataset("orders"), "featureview#").ToListAsync();
        var view = Assert.Single(views);
        Assert.Equal("""{"features":["x","y"]}""", view.ValueAsString);
        var item = await kv.GetAsync(KvKeys.Entity("orders", "a"), KvKeys.OnlineFeatures);
        Assert.Equal(OnlineFeatureCodec.Size(2, "orders/x.parquet".Length), item!.Value.Length);
    }

    private static OnlineFeatureCollector CreateSut() => new("orders", "customer", "ts");

    private IKeyValueStore CreateStore(string kind) => kind == "sqlite" ? new SqliteKeyValueStore(Path.Combine(_dir, "kv.db")) : new InMemoryKeyValueStore();

    /// <summary>Columns: customer, ts, x (the given values), y (= x + 0.5), and a label that is not a feature.</summary>
    private static RowBatch Batch(string[] entities, DateTime[] times, double[] x)
    {
        var n = entities.Length;
        var columns = new Column[]
        {
            new StringColumn("customer", entities, n),
            new Int64Column("ts", times.Select(TimeUnits.FromDateTime).ToArray(), null, n, DataKind.Timestamp),
            new DoubleColumn("x", x, null, n),
            new StringColumn("split", Enumerable.Repeat<string?>("train", n).ToArray(), n),
            new DoubleColumn("y", x.Select(v => v + 0.5).ToArray(), null, n),
        };
        return new RowBatch(new BatchSchema(columns.Select(c => new ColumnSchema(c.Name, c.Kind))), columns, n);
    }
}
