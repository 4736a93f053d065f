using DuckDB.NET.Data;
using Parquet.Serialization;

namespace ServerlessPrep.Cli.Tests;

/// <summary>A large Parquet object processed in parts is still one object in the CLI's accounting.</summary>
public sealed class LargeObjectCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Process_LargeObjectInParts_CountsTheObjectOnceAndTheManifestListsEveryPart()
    {
        var path = _dir.Combine("lake", "sales", "big.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rows = Enumerable.Range(0, 50).Select(i => new SalesRow { OrderId = i, Amount = i * 1.5, Region = i % 3 == 0 ? "eu" : "us" }).ToList();
        await using (var file = File.Create(path))
        {
            await ParquetSerializer.SerializeAsync(rows, file, new Parquet.ParquetOptions { RowGroupSize = 10 });
        }

        var output = _dir.Combine("out");
        var (code, summary, _) = await CliRunner.RunJsonAsync("process", _dir.Combine("lake"), "--out", output, "--large-object-bytes", "1", "--row-groups-per-part", "2");

        Assert.Equal(0, code);
        var totals = summary.GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("processed").GetInt32());
        Assert.Equal(50, totals.GetProperty("rowsIn").GetInt64());
        var only = Assert.Single(summary.GetProperty("objects").EnumerateArray());
        var parts = only.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).Where(o => o.StartsWith("features/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["features/sales/big.part-00000-of-00003.parquet", "features/sales/big.part-00001-of-00003.parquet", "features/sales/big.part-00002-of-00003.parquet"], parts);

        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT OrderId), min(OrderId), max(OrderId) FROM read_parquet([{string.Join(", ", parts.Select(p => $"'{Path.Combine(output, p)}'"))}])";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(50L, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(50L, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(49L, Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));

        var (again, rerun, _) = await CliRunner.RunJsonAsync("process", _dir.Combine("lake"), "--out", output, "--large-object-bytes", "1", "--row-groups-per-part", "2");
        Assert.Equal(0, again);
        Assert.Equal(1, rerun.GetProperty("totals").GetProperty("skipped").GetInt32());
    }

    public sealed class SalesRow
    {
        public long OrderId { get; set; }

        public double Amount { get; set; }

        public string Region { get; set; } = string.Empty;
    }
}
