using System.Text.Json;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Processing;

public sealed class ProcessorTests : IDisposable
{
    private const string OrdersSpec = """
        name: orders
        entity: customer_id
        eventTime: ts
        columns:
          order_id: keep
          amount: standardize
        rules:
          - { column: amount, check: range, min: 0 }
        split: { by: customer_id, salt: t }
        """;

    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private static SpecSet Spec(string yaml = OrdersSpec) => SpecParser.Parse(yaml, "spec.yaml");

    private static Data.RowBatch FourOrders() => TestLake.Orders(
        [1, 2, 3, 4],
        ["a", "b", "a", "c"],
        [1, 2, 3, 4],
        [Day, Day.AddHours(1), Day.AddHours(2), Day.AddHours(3)]);

    [Fact]
    public async Task ProcessAsync_ParquetObject_WritesEveryOutputAndCompletesTheRecord()
    {
        var created = await _lake.PutParquetAsync("orders/date=2024-01-01/part-0.parquet", FourOrders());

        var outcome = await _lake.CreateProcessor(Spec()).ProcessAsync(created);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Equal(4, outcome.RowsIn);
        Assert.Equal(4, outcome.RowsOut);
        var outputs = await _lake.ListOutputsAsync();
        Assert.Contains("features/orders/date=2024-01-01/part-0.parquet", outputs);
        Assert.Contains("_profiles/orders/date=2024-01-01/part-0.json", outputs);
        Assert.Contains("_manifests/orders/date=2024-01-01/part-0.json", outputs);
        Assert.Equal(2, outputs.Count(k => k.StartsWith("_lineage/orders/date=2024-01-01/part-0/", StringComparison.Ordinal)));
        var record = await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", created.Key, default);
        Assert.Equal(RecordStatus.Completed, record!.Status);
        Assert.Equal(outcome.Outputs, record.Outputs);
    }

    [Fact]
    public async Task ProcessAsync_Standardize_UsesTheObjectsOwnMeanAndSampleDeviation()
    {
        var created = await _lake.PutParquetAsync("orders/part-0.parquet", FourOrders());

        await _lake.CreateProcessor(Spec()).ProcessAsync(created);

        var features = await _lake.ReadFeaturesAsync("features/orders/part-0.parquet");
        var std = Math.Sqrt(5.0 / 3.0); // sample variance of 1,2,3,4 is 5/3; mean 2.5
        var expected = new[] { -1.5 / std, -0.5 / std, 0.5 / std, 1.5 / std };
        Assert.Equal(expected, features["amount"].Select(v => (double)v!), new ToleranceComparer(1e-12));
        Assert.Equal([1L, 2L, 3L, 4L], features["order_id"].Select(v => (long)v!));
        Assert.All(features["split"], s => Assert.Contains((string)s!, new[] { "train", "validation", "test" }));
        Assert.Equal(features["split"][0], features["split"][2]); // both rows of customer "a" land in the same split
        var manifest = JsonDocument.Parse(await _lake.ReadOutputTextAsync("_manifests/orders/part-0.json")).RootElement;
        Assert.Equal("object", manifest.GetProperty("fitSource").GetString());
    }

    [Fact]
    public async Task ProcessAsync_SameEventTwice_SecondIsSkippedAndNothingChanges()
    {
        var created = await _lake.PutParquetAsync("orders/part-0.parquet", FourOrders());
        var processor = _lake.CreateProcessor(Spec());
        await processor.ProcessAsync(created);
        var before = await _lake.ReadOutputAsync("features/orders/part-0.parquet");
        var outputsBefore = await _lake.ListOutputsAsync();

        var again = await processor.ProcessAsync(created);

        Assert.Equal(ObjectStatus.Skipped, again.Status);
        Assert.StartsWith("already processed", again.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await _lake.ReadOutputAsync("features/orders/part-0.parquet"));
        Assert.Equal(outputsBefore, await _lake.ListOutputsAsync());
    }

    [Fact]
    public async Task ProcessAsync_SameInputInFreshState_IsByteIdentical()
    {
        using var other = new TestLake();
        var a = await _lake.PutParquetAsync("orders/part-0.parquet", FourOrders());
        var b = await other.PutParquetAsync("orders/part-0.parquet", FourOrders());

        await _lake.CreateProcessor(Spec()).ProcessAsync(a);
        await other.CreateProcessor(Spec()).ProcessAsync(b);

        Assert.Equal(await _lake.ReadOutputAsync("features/orders/part-0.parquet"), await other.ReadOutputAsync("features/orders/part-0.parquet"));
    }

    [Fact]
    public async Task ProcessAsync_RejectRule_SendsRowsToQuarantineWithTheReasonAndCompletes()
    {
        var created = await _lake.PutParquetAsync("orders/part-0.parquet", TestLake.Orders([1, 2, 3], ["a", "b", "c"], [5, -7.5, 9], [Day, Day, Day]));

        var outcome = await _lake.CreateProcessor(Spec()).ProcessAsync(created);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Equal(2, outcome.RowsOut);
        Assert.Equal(1, outcome.RowsQuarantined);
        var line = Assert.Single((await _lake.ReadOutputTextAsync("_quarantine/orders/part-0.rows.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var row = JsonDocument.Parse(line).RootElement;
        Assert.Equal("amount.range", row.GetProperty("rule").GetString());
        Assert.Equal("-7.5", row.GetProperty("value").GetString());
        Assert.Equal("2", row.GetProperty("values").GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task ProcessAsync_CorruptParquet_IsQuarantinedWithAReasonNamingTheObject()
    {
        var created = await _lake.PutAsync("orders/part-9.parquet", "PAR1 this is not parquet at all"u8.ToArray());

        var outcome = await _lake.CreateProcessor(Spec()).ProcessAsync(created);

        Assert.Equal(ObjectStatus.Quarantined, outcome.Status);
        Assert.Contains("orders/part-9.parquet", outcome.Reason, StringComparison.Ordinal);
        var notice = JsonDocument.Parse(await _lake.ReadOutputTextAsync("_quarantine/orders/part-9.error.json")).RootElement;
        Assert.Equal(outcome.Reason, notice.GetProperty("reason").GetString());
        Assert.Equal("orders/part-9.parquet", notice.GetProperty("inputKey").GetString());
        Assert.Contains(await _lake.ListOutputsAsync(), k => k.EndsWith(".fail.json", StringComparison.Ordinal));
        Assert.DoesNotContain(await _lake.ListOutputsAsync(), k => k.StartsWith("features/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessAsync_FailingObjectRule_QuarantinesTheObject()
    {
        var created = await _lake.PutParquetAsync("orders/part-0.parquet", FourOrders());
        var spec = Spec(OrdersSpec.Replace("rules:", "rules:\n  - { check: row_count, min: 10, action: fail }", StringComparison.Ordinal));

        var outcome = await _lake.CreateProcessor(spec).ProcessAsync(created);

        Assert.Equal(ObjectStatus.Quarantined, outcome.Status);
        Assert.StartsWith("orders/part-0.parquet: ", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("'row_count' failed for the object", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_ObjectDeletedAfterTheEvent_IsSkippedWithAReason()
    {
        var created = await _lake.PutParquetAsync("orders/part-0.parquet", FourOrders());
        await _lake.Lake.DeleteAsync(created.Key);

        var outcome = await _lake.CreateProcessor(Spec()).ProcessAsync(created);

        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.Contains("no longer exists", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_NotADataFile_IsSkippedWithoutAClaim()
    {
        var created = await _lake.PutTextAsync("orders/_SUCCESS", string.Empty);

        var outcome = await _lake.CreateProcessor(Spec()).ProcessAsync(created);

        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.Contains("not a data file", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _lake.Kv.Count);
    }

    [Fact]
    public async Task ProcessAsync_NewColumnInALaterObject_RecordsASecondSchemaVersion()
    {
        var processor = _lake.CreateProcessor();
        await processor.ProcessAsync(await _lake.PutTextAsync("events/a.csv", "id,value\n1,2.5\n2,3.5\n"));
        await processor.ProcessAsync(await _lake.PutTextAsync("events/b.csv", "id,value,extra\n3,4.5,x\n"));

        var schemas = await new DatasetCatalog(_lake.Kv, _lake.Time).ListSchemasAsync("events", default);

        Assert.Equal(2, schemas.Count);
        Assert.Equal("events/a.csv", schemas[0].FirstObject);
        Assert.Equal("events/b.csv", schemas[1].FirstObject);
        Assert.Contains("extra: String", schemas[1].Columns[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_OutOfOrderObjects_OnlineFeaturesKeepTheLatestEventTime()
    {
        var processor = _lake.CreateProcessor(Spec());
        var newer = await _lake.PutParquetAsync("orders/late.parquet", TestLake.Orders([10], ["a"], [100], [Day.AddDays(2)]));
        var older = await _lake.PutParquetAsync("orders/early.parquet", TestLake.Orders([11], ["a"], [1], [Day]));

        await processor.ProcessAsync(newer);
        await processor.ProcessAsync(older);

        var row = await new OnlineFeatureReader(_lake.Kv).GetAsync("orders", "a");
        Assert.NotNull(row);
        Assert.Equal("orders/late.parquet", row.Source);
        Assert.Equal(Day.AddDays(2), row.EventTime);
    }

    [Fact]
    public async Task ProcessAsync_EventTimeFeaturized_KeepsTheRawEventTimeAndWritesOnlineFeatures()
    {
        var spec = Spec(OrdersSpec.Replace("amount: standardize", "amount: standardize\n  ts: datetime", StringComparison.Ordinal));
        var created = await _lake.PutParquetAsync("orders/part-0.parquet", FourOrders());

        await _lake.CreateProcessor(spec).ProcessAsync(created);

        var features = await _lake.ReadFeaturesAsync("features/orders/part-0.parquet");
        Assert.Equal(Day.AddHours(3), (DateTime)features["ts"][3]!);
        Assert.Equal([0.0, 1.0, 2.0, 3.0], features["ts__hour"].Select(v => (double)v!));
        Assert.NotNull(await _lake.Kv.GetAsync(KvKeys.Entity("orders", "c"), KvKeys.OnlineFeatures));
    }

    [Fact]
    public async Task ProcessAsync_InferredSpec_KeepsHivePartitionValuesAsIs()
    {
        var created = await _lake.PutTextAsync("visits/day=2024-01-05/a.csv", "page,seconds\nhome,3\ncart,5\n");

        await _lake.CreateProcessor().ProcessAsync(created);

        var features = await _lake.ReadFeaturesAsync("features/visits/day=2024-01-05/a.parquet");
        Assert.Equal(["2024-01-05", "2024-01-05"], features["day"].Select(v => (string)v!));
    }

    [Fact]
    public async Task ProcessAsync_OutOfOrderObjectsWithABatchingStore_OnlineFeaturesKeepTheLatestEventTime()
    {
        var path = Path.Combine(_lake.Root, "state.db");
        using var kv = new ServerlessPrep.Local.SqliteKeyValueStore(path, _lake.Time);
        var processor = new Processor(_lake.Lake, _lake.Output, kv, Spec(), new ProcessorOptions { TempDirectory = Path.Combine(_lake.Root, "tmp") }, _lake.Time);
        var newer = await _lake.PutParquetAsync("orders/late.parquet", TestLake.Orders([10, 12], ["a", "b"], [100, 7], [Day.AddDays(2), Day]));
        var older = await _lake.PutParquetAsync("orders/early.parquet", TestLake.Orders([11, 13], ["a", "b"], [1, 8], [Day, Day.AddDays(1)]));

        await processor.ProcessAsync(newer);
        await processor.ProcessAsync(older);

        var rows = await new OnlineFeatureReader(kv).GetManyAsync("orders", ["a", "b"]);
        Assert.Equal("orders/late.parquet", rows[0]!.Source);
        Assert.Equal("orders/early.parquet", rows[1]!.Source);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
