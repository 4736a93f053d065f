using System.Text.Json;
using ServerlessPrep.Core.Lakehouse;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Tests.Processing;
using static ServerlessPrep.Core.Tests.Lakehouse.DeltaTableWriter;

namespace ServerlessPrep.Core.Tests.Lakehouse;

public sealed class DeltaTableTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestLake _lake = new();
    private readonly DeltaTableWriter _table;

    public DeltaTableTests() => _table = new DeltaTableWriter(_lake, "orders");

    public void Dispose() => _lake.Dispose();

    private static Data.RowBatch Orders(long first) => TestLake.Orders(
        [first, first + 1, first + 2, first + 3],
        ["a", "b", "a", "c"],
        [1, 2, 3, 4],
        [Day, Day.AddHours(1), Day.AddHours(2), Day.AddHours(3)]);

    private async Task<bool> FeaturesExistAsync(string relative)
        => await _lake.Output.GetInfoAsync($"features/orders/{relative}") is not null;

    private async Task<ProcessingRecord?> ClaimAsync(string relative)
        => await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", _table.Key(relative), default);

    private async Task<JsonElement> CommitRecordAsync(long version)
        => JsonDocument.Parse(await _lake.ReadOutputTextAsync($"_lakehouse/delta/orders/{version:D20}.json")).RootElement;

    [Fact]
    public async Task DataFileEvent_BeforeItsCommit_IsSkippedAndOnlyTheCommitProcessesIt()
    {
        var processor = _lake.CreateProcessor();
        var (part0Event, size0) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        await _table.CommitAsync(0, Protocol, Metadata());
        Assert.Equal(ObjectStatus.Processed, (await processor.ProcessAsync(await _lake.PutTextAsync(_table.CommitKey(0), Protocol + "\n" + Metadata() + "\n"))).Status);

        var early = await processor.ProcessAsync(part0Event);

        Assert.Equal(ObjectStatus.Skipped, early.Status);
        Assert.Equal("Delta table data file; processed when committed in _delta_log", early.Reason);
        Assert.False(await FeaturesExistAsync("part-0.parquet"));

        var commit = await processor.ProcessAsync(await _table.CommitAsync(1, CommitInfo("WRITE"), Add("part-0.parquet", size0)));

        Assert.Equal(ObjectStatus.Processed, commit.Status);
        Assert.Equal(4, commit.RowsIn);
        Assert.True(await FeaturesExistAsync("part-0.parquet"));
        Assert.Contains("features/orders/part-0.parquet", commit.Outputs);
        Assert.Contains("_lakehouse/delta/orders/00000000000000000001.json", commit.Outputs);
    }

    [Fact]
    public async Task DataFileNeverCommitted_IsNeverProcessed()
    {
        var processor = _lake.CreateProcessor();
        var (_, size0) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata(), Add("part-0.parquet", size0)));
        var (orphan, _) = await _table.WriteDataFileAsync("part-1-failed-writer.parquet", Orders(5));

        var outcome = await processor.ProcessAsync(orphan);
        var again = await processor.ProcessAsync(orphan with { Source = "backfill" });

        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.Equal(LakehouseRouter.DeltaDataFileReason, again.Reason);
        Assert.True(await FeaturesExistAsync("part-0.parquet"));
        Assert.False(await FeaturesExistAsync("part-1-failed-writer.parquet"));
        Assert.Null(await ClaimAsync("part-1-failed-writer.parquet"));
    }

    [Fact]
    public async Task Commit_ProcessesOnlyDataChangeAdds_WithTheirPartitionValuesAsColumns()
    {
        var processor = _lake.CreateProcessor();
        var (_, size0) = await _table.WriteDataFileAsync("region=eu/part-0.parquet", Orders(1));
        var (_, size1) = await _table.WriteDataFileAsync("region=eu/part-1-compacted.parquet", Orders(1));

        await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata("""["region"]""")));

        var outcome = await processor.ProcessAsync(await _table.CommitAsync(
            1,
            Add("region=eu/part-0.parquet", size0, partitionValues: """{"region":"eu"}"""),
            Add("region=eu/part-1-compacted.parquet", size1, dataChange: false, partitionValues: """{"region":"eu"}""")));

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Contains("1 file(s) processed, 1 skipped", outcome.Reason, StringComparison.Ordinal);
        Assert.True(await FeaturesExistAsync("region=eu/part-0.parquet"));
        Assert.False(await FeaturesExistAsync("region=eu/part-1-compacted.parquet"));
        var profile = await _lake.ReadOutputTextAsync("_profiles/orders/region=eu/part-0.json");
        Assert.Contains("\"region\"", profile, StringComparison.Ordinal);
        var files = (await CommitRecordAsync(1)).GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["processed", "skipped"], files.Select(f => f.GetProperty("status").GetString()));
        Assert.StartsWith("dataChange=false", files[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartitionValues_FromTheLog_AreUsedEvenWhenThePathHasNoHiveFolders()
    {
        var processor = _lake.CreateProcessor();
        var (_, size) = await _table.WriteDataFileAsync("ab12/part-0.parquet", Orders(1));

        await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata("""["country"]"""), Add("ab12/part-0.parquet", size, partitionValues: """{"country":"Côte d'Ivoire"}""")));

        var schema = (await new DatasetCatalog(_lake.Kv, _lake.Time).ListSchemasAsync("orders", default))[^1];
        Assert.Contains(schema.Columns, c => c.StartsWith("country", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddPath_IsUrlDecodedRelativeToTheTableRoot()
    {
        var processor = _lake.CreateProcessor();
        var (_, size) = await _table.WriteDataFileAsync("day=2024-01-01 00:00/part 0.parquet", Orders(1));

        var outcome = await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata(), Add("day=2024-01-01%2000%3A00/part%200.parquet", size)));

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.True(await FeaturesExistAsync("day=2024-01-01 00:00/part 0.parquet"));
    }

    [Fact]
    public async Task DuplicateAndReorderedCommitEvents_ApplyEachCommitOnceInVersionOrder()
    {
        var processor = _lake.CreateProcessor();
        var (_, size0) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        var commit0 = await _table.CommitAsync(0, Protocol, Metadata(), Add("part-0.parquet", size0));
        await processor.ProcessAsync(commit0);
        var (_, size1) = await _table.WriteDataFileAsync("part-1.parquet", Orders(5));
        var (_, size2) = await _table.WriteDataFileAsync("part-2.parquet", Orders(9));
        var commit1 = await _table.CommitAsync(1, Add("part-1.parquet", size1));
        var commit2 = await _table.CommitAsync(2, Add("part-2.parquet", size2));

        var second = await processor.ProcessAsync(commit2); // arrives before its predecessor: applies 1 from the log, then 2
        var first = await processor.ProcessAsync(commit1);
        var duplicate = await processor.ProcessAsync(commit2);
        var duplicate0 = await processor.ProcessAsync(commit0);

        Assert.Equal(ObjectStatus.Processed, second.Status);
        Assert.Contains("commits 1..2 applied", second.Reason, StringComparison.Ordinal);
        Assert.Equal(8, second.RowsIn);
        Assert.All([first, duplicate, duplicate0], o => Assert.Equal(ObjectStatus.Skipped, o.Status));
        Assert.Contains("already applied", first.Reason, StringComparison.Ordinal);
        foreach (var part in new[] { "part-0.parquet", "part-1.parquet", "part-2.parquet" })
        {
            var claim = await ClaimAsync(part);
            Assert.Equal(RecordStatus.Completed, claim!.Status);
            Assert.Equal(0, claim.Attempts); // attempts count failed runs
        }
    }

    [Fact]
    public async Task LateDataFileEvent_AfterItsCommit_IsNotProcessedTwice()
    {
        var processor = _lake.CreateProcessor();
        var (late, size) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata(), Add("part-0.parquet", size)));
        var before = await _lake.ReadOutputAsync("features/orders/part-0.parquet");

        var outcome = await processor.ProcessAsync(late);

        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.Contains("already processed", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await _lake.ReadOutputAsync("features/orders/part-0.parquet"));
        Assert.Equal(0, (await ClaimAsync("part-0.parquet"))!.Attempts); // attempts count failed runs
    }

    [Fact]
    public async Task Remove_IsRecordedWithTheOutputsItLeavesBehind_AndOutputsAreKept()
    {
        var processor = _lake.CreateProcessor();
        var (_, size0) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata(), Add("part-0.parquet", size0)));

        var outcome = await processor.ProcessAsync(await _table.CommitAsync(1, CommitInfo("DELETE"), Remove("part-0.parquet")));

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Contains("1 remove(s) recorded", outcome.Reason, StringComparison.Ordinal);
        Assert.True(await FeaturesExistAsync("part-0.parquet"));
        var removed = (await CommitRecordAsync(1)).GetProperty("removed")[0];
        Assert.Equal("orders/part-0.parquet", removed.GetProperty("key").GetString());
        Assert.Equal(1, removed.GetProperty("removedInVersion").GetInt64());
        Assert.True(removed.GetProperty("removedWithDataChange").GetBoolean());
        Assert.Contains(removed.GetProperty("outputs").EnumerateArray(), o => o.GetString() == "features/orders/part-0.parquet");
        var file = await new DeltaTableStore(_lake.Kv, _lake.Time).GetFileAsync("orders", "orders/part-0.parquet", default);
        Assert.Equal(1, file!.RemovedInVersion);
    }

    [Fact]
    public async Task FirstSightOfATable_ReadsTheCheckpointInsteadOfTheCleanedUpLog()
    {
        var processor = _lake.CreateProcessor();
        var (_, size0) = await _table.WriteDataFileAsync("date=2024-01-01/part-0.parquet", Orders(1));
        var (_, size1) = await _table.WriteDataFileAsync("date=2024-01-02/part-1.parquet", Orders(5));
        var (_, size2) = await _table.WriteDataFileAsync("date=2024-01-03/part-2.parquet", Orders(9));
        var (_, size3) = await _table.WriteDataFileAsync("date=2024-01-04/part-3.parquet", Orders(13));
        var checkpoint = await DeltaCheckpointFile.WriteAsync(
        [
            new() { Protocol = new() { MinReaderVersion = 1, MinWriterVersion = 2 } },
            new() { MetaData = new() { Id = "t", PartitionColumns = ["date"] } },
            new() { Add = new() { Path = "date=2024-01-01/part-0.parquet", PartitionValues = new() { ["date"] = "2024-01-01" }, Size = size0, ModificationTime = 1717200000000 } },
            new() { Add = new() { Path = "date=2024-01-02/part-1.parquet", PartitionValues = new() { ["date"] = "2024-01-02" }, Size = size1, ModificationTime = 1717200000000 } },
            new() { Remove = new() { Path = "date=2024-01-03/part-2.parquet", DeletionTimestamp = 1717200000000, DataChange = true } },
        ]);
        await _lake.PutAsync("orders/_delta_log/00000000000000000002.checkpoint.parquet", checkpoint);
        await _table.WriteLastCheckpointAsync(2, 5);
        await _table.CommitAsync(2, CommitInfo("DELETE"), Remove("date=2024-01-03/part-2.parquet"));
        var latest = await _table.CommitAsync(3, Add("date=2024-01-04/part-3.parquet", size3, partitionValues: """{"date":"2024-01-04"}"""));

        var outcome = await processor.ProcessAsync(latest);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Contains("live files from checkpoint 2", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(12, outcome.RowsIn);
        Assert.True(await FeaturesExistAsync("date=2024-01-01/part-0.parquet"));
        Assert.True(await FeaturesExistAsync("date=2024-01-02/part-1.parquet"));
        Assert.True(await FeaturesExistAsync("date=2024-01-04/part-3.parquet"));
        Assert.False(await FeaturesExistAsync("date=2024-01-03/part-2.parquet"));
        var older = await processor.ProcessAsync(await _lake.PutTextAsync(_table.CommitKey(2), Remove("date=2024-01-03/part-2.parquet")));
        Assert.Equal(ObjectStatus.Skipped, older.Status);
    }

    [Fact]
    public async Task CheckpointReader_ReadsNestedAddStructsAndMapPartitionValues()
    {
        var bytes = await DeltaCheckpointFile.WriteAsync(
        [
            new() { Protocol = new() { MinReaderVersion = 1, MinWriterVersion = 2 } },
            new() { MetaData = new() { Id = "t", PartitionColumns = ["date"], Configuration = new() { ["delta.columnMapping.mode"] = "name" } } },
            new() { Add = new() { Path = "date=2024-01-01/a%20b.parquet", PartitionValues = new() { ["date"] = "2024-01-01" }, Size = 42, ModificationTime = 7, DataChange = true } },
        ]);
        await _lake.PutAsync("t/_delta_log/00000000000000000000.checkpoint.parquet", bytes);
        var actions = new DeltaActions();

        await DeltaCheckpointReader.ReadIntoAsync(_lake.Lake, "t/_delta_log/00000000000000000000.checkpoint.parquet", actions, default);

        var add = Assert.Single(actions.Adds);
        Assert.Equal("date=2024-01-01/a%20b.parquet", add.Path);
        Assert.Equal(42, add.Size);
        Assert.Equal(7, add.ModificationTime);
        Assert.Equal([new KeyValuePair<string, string?>("date", "2024-01-01")], add.PartitionValues);
        Assert.Equal(["date"], actions.Metadata!.PartitionColumns);
        Assert.Equal("name", actions.Metadata.ColumnMappingMode);
        Assert.Equal(1, actions.Protocol!.MinReaderVersion);
    }

    [Theory]
    [InlineData("""{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["v2Checkpoint"],"writerFeatures":["v2Checkpoint"]}}""", "{}", "'v2Checkpoint'")]
    [InlineData("""{"protocol":{"minReaderVersion":2,"minWriterVersion":5}}""", """{"delta.columnMapping.mode":"name"}""", "'columnMapping'")]
    [InlineData("""{"protocol":{"minReaderVersion":4,"minWriterVersion":7}}""", "{}", "reader version 4")]
    public async Task UnsupportedReaderFeature_SkipsTheCommitsFilesWithAReasonNamingIt(string protocol, string configuration, string named)
    {
        var processor = _lake.CreateProcessor();
        var (_, size) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));

        var outcome = await processor.ProcessAsync(await _table.CommitAsync(0, protocol, Metadata(configuration: configuration), Add("part-0.parquet", size)));

        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.Contains(named, outcome.Reason, StringComparison.Ordinal);
        Assert.False(await FeaturesExistAsync("part-0.parquet"));
        Assert.Equal("skipped", (await CommitRecordAsync(0)).GetProperty("files")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeletionVector_SkipsOnlyTheFileThatHasOne()
    {
        var processor = _lake.CreateProcessor();
        var (_, size0) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        var (_, size1) = await _table.WriteDataFileAsync("part-1.parquet", Orders(5));
        const string dv = """{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":4,"sizeInBytes":40,"cardinality":2}""";
        var protocol = """{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["deletionVectors"],"writerFeatures":["deletionVectors"]}}""";

        var outcome = await processor.ProcessAsync(await _table.CommitAsync(0, protocol, Metadata(), Add("part-0.parquet", size0), Add("part-1.parquet", size1, deletionVector: dv)));

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Contains("'deletionVectors'", outcome.Reason, StringComparison.Ordinal);
        Assert.True(await FeaturesExistAsync("part-0.parquet"));
        Assert.False(await FeaturesExistAsync("part-1.parquet"));
    }

    [Fact]
    public async Task CommitWhileAnotherWorkerAppliesTheTable_IsRetryable()
    {
        var processor = _lake.CreateProcessor();
        var (_, size) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        var commit = await _table.CommitAsync(0, Protocol, Metadata(), Add("part-0.parquet", size));
        var store = new DeltaTableStore(_lake.Kv, _lake.Time);
        var (_, token) = await store.TryLeaseAsync("orders", "other-run", TimeSpan.FromMinutes(5), default);
        Assert.NotNull(token);

        var busy = await processor.ProcessAsync(commit);
        _lake.Time.Advance(TimeSpan.FromMinutes(6)); // the other worker died: its lease expires
        var takenOver = await processor.ProcessAsync(commit);

        Assert.Equal(ObjectStatus.Failed, busy.Status);
        Assert.True(busy.Retryable);
        Assert.Contains("other-run", busy.Reason, StringComparison.Ordinal);
        Assert.Equal(ObjectStatus.Processed, takenOver.Status);
    }

    [Fact]
    public async Task LogFilesOtherThanCommits_AreSkippedAsLogFiles()
    {
        var processor = _lake.CreateProcessor();
        var checkpoint = await _lake.PutTextAsync("orders/_delta_log/_last_checkpoint", """{"version":0,"size":1}""");

        var outcome = await processor.ProcessAsync(checkpoint);

        Assert.Equal(ObjectStatus.Skipped, outcome.Status);
        Assert.Equal(LakehouseRouter.DeltaLogFileReason, outcome.Reason);
    }

    [Fact]
    public async Task CorruptCommittedFile_IsQuarantined_TheTableMovesOn_AndARedrivenEventProcessesItAgain()
    {
        var processor = _lake.CreateProcessor();
        var bad = await _lake.PutTextAsync(_table.Key("part-bad.parquet"), "PAR1 not really parquet");
        var (_, size1) = await _table.WriteDataFileAsync("part-1.parquet", Orders(5));

        var first = await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata(), Add("part-bad.parquet", bad.Size)));
        var next = await processor.ProcessAsync(await _table.CommitAsync(1, Add("part-1.parquet", size1)));

        Assert.Equal(ObjectStatus.Quarantined, first.Status);
        Assert.Contains("orders/part-bad.parquet", first.Reason, StringComparison.Ordinal);
        Assert.True(await _lake.Output.GetInfoAsync("_quarantine/orders/part-bad.error.json") is not null);
        Assert.Equal(ObjectStatus.Processed, next.Status);

        // redrive forgets the quarantined record; the file's own event then goes through the log's record of it
        await _lake.Kv.DeleteAsync(KvKeys.Dataset("orders"), KvKeys.Object("orders/part-bad.parquet"));
        var redriven = await processor.ProcessAsync(bad);

        Assert.Equal(ObjectStatus.Quarantined, redriven.Status);
        Assert.Equal(1, (await ClaimAsync("part-bad.parquet"))!.Attempts);
    }

    [Fact]
    public async Task Snapshot_IgnoresAnIncompleteMultiPartCheckpoint_AndUsesTheOlderCompleteOne()
    {
        var (_, size0) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        var (_, size1) = await _table.WriteDataFileAsync("part-1.parquet", Orders(5));
        var complete = await DeltaCheckpointFile.WriteAsync(
        [
            new() { Protocol = new() { MinReaderVersion = 1, MinWriterVersion = 2 } },
            new() { MetaData = new() { Id = "t" } },
            new() { Add = new() { Path = "part-0.parquet", Size = size0, ModificationTime = 1 } },
        ]);
        await _lake.PutAsync("orders/_delta_log/00000000000000000001.checkpoint.parquet", complete);
        await _lake.PutAsync("orders/_delta_log/00000000000000000003.checkpoint.0000000001.0000000002.parquet", complete); // part 2 of 2 never written
        await _table.WriteLastCheckpointAsync(3, 3);
        await _table.CommitAsync(2, Add("part-1.parquet", size1));
        await _table.CommitAsync(3, Remove("part-0.parquet"));

        var snapshot = await new DeltaLogReader(_lake.Lake).ReadLatestSnapshotAsync("orders", default);

        Assert.Equal(3, snapshot.Version);
        Assert.Equal(1, snapshot.CheckpointVersion);
        Assert.Equal(["part-1.parquet"], snapshot.LiveFiles.Select(f => f.Path));
    }

    [Fact]
    public async Task Snapshot_OfALogWithAGapAndNoCheckpoint_IsRefusedNamingTheMissingCommit()
    {
        await _table.CommitAsync(0, Protocol, Metadata());
        await _table.CommitAsync(2, Remove("part-0.parquet"));

        var error = await Assert.ThrowsAsync<InvalidDataObjectException>(() => new DeltaLogReader(_lake.Lake).ReadLatestSnapshotAsync("orders", default));

        Assert.Contains("orders/_delta_log/00000000000000000001.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("commit 1 is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableCommit_IsQuarantinedWithItsLine_AndLaterCommitsWaitBehindIt()
    {
        var processor = _lake.CreateProcessor();
        var (_, size) = await _table.WriteDataFileAsync("part-0.parquet", Orders(1));
        await processor.ProcessAsync(await _table.CommitAsync(0, Protocol, Metadata()));
        var broken = await _table.CommitAsync(1, CommitInfo("WRITE"), """{"add":{"path":"part-0.parquet","dataChange":true}}""");
        var later = await _table.CommitAsync(2, Add("part-0.parquet", size));

        var outcome = await processor.ProcessAsync(broken);
        var waiting = await processor.ProcessAsync(later);

        Assert.Equal(ObjectStatus.Quarantined, outcome.Status);
        Assert.Contains("line 2", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("'size'", outcome.Reason, StringComparison.Ordinal);
        var notice = JsonDocument.Parse(await _lake.ReadOutputTextAsync("_quarantine/_lakehouse/delta/orders/00000000000000000001.error.json")).RootElement;
        Assert.Equal(2, notice.GetProperty("line").GetInt64());
        Assert.Equal(ObjectStatus.Quarantined, waiting.Status);
        Assert.False(await FeaturesExistAsync("part-0.parquet"));
    }
}
