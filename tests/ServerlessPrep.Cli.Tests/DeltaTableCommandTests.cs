using Parquet.Serialization;

namespace ServerlessPrep.Cli.Tests;

/// <summary><c>backfill</c> / <c>process</c> on a local lake holding a hand-written Delta table (PROTOCOL.md) next to a plain dataset.</summary>
public sealed class DeltaTableCommandTests : IDisposable
{
    private const string Protocol = """{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}""";
    private const string Metadata = """{"metaData":{"id":"d1","format":{"provider":"parquet","options":{}},"schemaString":"{}","partitionColumns":[],"configuration":{},"createdTime":1}}""";
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Lake => _dir.Combine("lake");

    private string Out => _dir.Combine("out");

    [Fact]
    public async Task Backfill_DeltaTable_ProcessesCommittedFilesOnce_AndAccountsForEveryListedObject()
    {
        var size0 = await WriteSalesAsync("lake/sales/part-0.parquet", 1);
        var size1 = await WriteSalesAsync("lake/sales/part-1.parquet", 10);
        await WriteSalesAsync("lake/sales/part-2-uncommitted.parquet", 100);
        _dir.Write("lake/sales/_delta_log/00000000000000000000.json", $"{Protocol}\n{Metadata}\n{Add("part-0.parquet", size0)}\n");
        _dir.Write("lake/sales/_delta_log/00000000000000000001.json", $"{Add("part-1.parquet", size1)}\n");
        _dir.Write("lake/people/a.csv", "id,age\n1,34\n2,40\n");

        var (planCode, plan, _) = await CliRunner.RunJsonAsync("backfill", Lake, "--out", Out, "--dry-run");
        var (code, summary, _) = await CliRunner.RunJsonAsync("backfill", Lake, "--out", Out, "--concurrency", "4");

        Assert.Equal(0, planCode);
        Assert.StartsWith("would apply Delta commit 0", Reason(plan, "sales/_delta_log/00000000000000000000.json"), StringComparison.Ordinal);
        Assert.Equal("would skip: Delta table data file; processed when committed in _delta_log", Reason(plan, "sales/part-2-uncommitted.parquet"));

        Assert.Equal(0, code);
        var totals = summary.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("processed").GetInt32()); // the first commit (table's current files) and people/a.csv
        Assert.Equal(4, totals.GetProperty("skipped").GetInt32());   // commit 1 (already applied) and the three data files
        Assert.Equal(6, summary.GetProperty("objects").GetArrayLength());
        Assert.Contains("2 file(s) processed", Reason(summary, "sales/_delta_log/00000000000000000000.json"), StringComparison.Ordinal);
        Assert.Contains("already applied", Reason(summary, "sales/_delta_log/00000000000000000001.json"), StringComparison.Ordinal);
        Assert.Equal("Delta table data file; processed when committed in _delta_log", Reason(summary, "sales/part-2-uncommitted.parquet"));
        Assert.True(File.Exists(Path.Combine(Out, "features", "sales", "part-0.parquet")));
        Assert.True(File.Exists(Path.Combine(Out, "features", "sales", "part-1.parquet")));
        Assert.False(File.Exists(Path.Combine(Out, "features", "sales", "part-2-uncommitted.parquet")));

        var size2 = new FileInfo(_dir.Combine("lake", "sales", "part-2-uncommitted.parquet")).Length;
        _dir.Write("lake/sales/_delta_log/00000000000000000002.json", $"{Add("part-2-uncommitted.parquet", size2)}\n");
        var (again, rerun, _) = await CliRunner.RunJsonAsync("process", Lake, "--out", Out);

        Assert.Equal(0, again);
        Assert.Equal(1, rerun.GetProperty("totals").GetProperty("processed").GetInt32());
        Assert.Contains("commit 2 applied: 1 file(s) processed", Reason(rerun, "sales/_delta_log/00000000000000000002.json"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "features", "sales", "part-2-uncommitted.parquet")));
        Assert.True(File.Exists(Path.Combine(Out, "_lakehouse", "delta", "sales", "00000000000000000002.json")));
    }

    private static string Add(string path, long size)
        => "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":" + size + ",\"modificationTime\":1717200000000,\"dataChange\":true}}";

    private static string? Reason(System.Text.Json.JsonElement summary, string key)
        => summary.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("key").GetString() == key).GetProperty("reason").GetString();

    private async Task<long> WriteSalesAsync(string relative, int first)
    {
        var path = _dir.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rows = Enumerable.Range(first, 5).Select(i => new SalesRow { OrderId = i, Amount = i * 1.5, Region = i % 2 == 0 ? "eu" : "us" }).ToList();
        await using (var file = File.Create(path))
        {
            await ParquetSerializer.SerializeAsync(rows, file);
        }

        return new FileInfo(path).Length;
    }

    public sealed class SalesRow
    {
        public long OrderId { get; set; }

        public double Amount { get; set; }

        public string Region { get; set; } = string.Empty;
    }
}
