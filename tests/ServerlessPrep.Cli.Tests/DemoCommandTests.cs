using DuckDB.NET.Data;

namespace ServerlessPrep.Cli.Tests;

/// <summary>The README's first command, end to end, checked with an independent reader (DuckDB).</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Demo_FreshFolder_ProcessesSalesAndQuarantinesTheBrokenFiles()
    {
        var (code, summary, _) = await CliRunner.RunJsonAsync("demo", "--dir", _dir.Path);

        Assert.Equal(0, code);
        var objects = summary.GetProperty("objects").EnumerateArray().ToList();
        var sales = objects.Where(o => o.GetProperty("dataset").GetString() == "sales").ToList();
        Assert.Equal(4, sales.Count);
        Assert.Equal(3, sales.Count(o => o.GetProperty("status").GetString() == "processed"));
        var broken = Assert.Single(sales, o => o.GetProperty("status").GetString() == "quarantined");
        Assert.Contains("date=2024-01-04/part-0.parquet", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("PAR1", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var late = Assert.Single(objects, o => o.GetProperty("key").GetString() == "customers/region=us/late-signups.csv");
        Assert.Equal("quarantined", late.GetProperty("status").GetString());
        var totals = summary.GetProperty("totals");
        Assert.Equal(objects.Count, totals.GetProperty("processed").GetInt32() + totals.GetProperty("skipped").GetInt32() + totals.GetProperty("quarantined").GetInt32() + totals.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Demo_FeaturesOpenInDuckDb_WithTheManifestRowCountAndSplits()
    {
        var (code, _, _) = await CliRunner.RunJsonAsync("demo", "--dir", _dir.Path);
        Assert.Equal(0, code);
        var features = _dir.Combine("prepared", "features", "sales", "date=2024-01-02", "part-0.parquet");
        var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(_dir.Combine("prepared", "_manifests", "sales", "date=2024-01-02", "part-0.json"))).RootElement;

        using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), count(DISTINCT order_id), sum(CASE WHEN split = 'train' THEN 1 ELSE 0 END)::BIGINT, count(DISTINCT split),
                   min(amount__is_missing), max(amount__is_missing), count(*) FILTER (WHERE amount IS NULL), max(category__cat_01 + category__other)
            FROM read_parquet('{features}')
            """;
        using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(manifest.GetProperty("rowsOut").GetInt64(), reader.GetInt64(0));
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(1)); // dedup by order_id left no duplicate
        Assert.Equal(manifest.GetProperty("splitCounts").GetProperty("train").GetInt64(), reader.GetInt64(2));
        Assert.Equal(3, reader.GetInt64(3));
        Assert.Equal(0.0, reader.GetDouble(4));
        Assert.Equal(1.0, reader.GetDouble(5)); // ~2 % of amounts were missing, imputed and flagged
        Assert.Equal(0, reader.GetInt64(6));
        Assert.Equal(1.0, reader.GetDouble(7)); // one-hot columns are 0/1
    }

    [Fact]
    public async Task Demo_FolderNotCreatedByDemo_IsRefused()
    {
        _dir.Write("precious.txt", "do not delete");

        var (code, _, error) = await CliRunner.RunAsync("demo", "--dir", _dir.Path);

        Assert.Equal(1, code);
        Assert.Contains("was not created by 'serverlessprep demo'", error, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("precious.txt")));
    }
}
