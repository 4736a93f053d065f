using Parquet;

namespace ServerlessPrep.Cli.Tests;

/// <summary>The CLI contract: exit codes 0 / 2 / 1 and the --json summary.</summary>
public sealed class ProcessCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Lake => _dir.Combine("lake");

    private string Out => _dir.Combine("out");

    [Fact]
    public async Task Process_AllGood_ExitsZeroAndRerunSkipsEverything()
    {
        _dir.Write("lake/people/a.csv", "id,age,city\n1,34,Berlin\n2,,Paris\n3,51,Berlin\n");
        _dir.Write("lake/people/b.csv", "id,age,city\n4,22,Rome\n");

        var (first, summary, _) = await CliRunner.RunJsonAsync("process", _dir.Combine("lake", "people"), "--out", Out);
        var (second, again, _) = await CliRunner.RunJsonAsync("process", _dir.Combine("lake", "people"), "--out", Out);

        Assert.Equal(0, first);
        Assert.Equal(2, summary.GetProperty("totals").GetProperty("processed").GetInt32());
        Assert.Equal(4, summary.GetProperty("totals").GetProperty("rowsIn").GetInt64());
        Assert.Contains("name: \"people\"", summary.GetProperty("inferredSpec").GetString(), StringComparison.Ordinal);
        var a = summary.GetProperty("objects")[0];
        Assert.Equal("people/a.csv", a.GetProperty("key").GetString());
        Assert.Equal("processed", a.GetProperty("status").GetString());
        Assert.Equal(3, a.GetProperty("rowsOut").GetInt64());
        Assert.Contains("features/people/a.parquet", a.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()));
        Assert.True(File.Exists(Path.Combine(Out, "features", "people", "a.parquet")));

        Assert.Equal(0, second);
        Assert.Equal(2, again.GetProperty("totals").GetProperty("skipped").GetInt32());
        Assert.All(again.GetProperty("objects").EnumerateArray(), o => Assert.StartsWith("already processed", o.GetProperty("reason").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_SomeQuarantined_ExitsTwoWithReasons()
    {
        _dir.Write("lake/people/a.csv", "id,age\n1,34\n2,40\n");
        _dir.Write("lake/people/ragged.csv", "id,age\n1,34\n2\n");
        _dir.Write("lake/people/empty.parquet", string.Empty);

        var (code, summary, _) = await CliRunner.RunJsonAsync("process", Lake, "--out", Out);

        Assert.Equal(2, code);
        Assert.Equal(2, summary.GetProperty("totals").GetProperty("quarantined").GetInt32());
        var empty = summary.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "people/empty.parquet");
        Assert.Contains("people/empty.parquet", empty.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "_quarantine", "people", "empty.error.json")));
    }

    [Fact]
    public async Task Process_InvalidSpec_ExitsOneWithFileLineAndColumn()
    {
        _dir.Write("lake/people/a.csv", "id\n1\n");
        var spec = _dir.Write("spec.yaml", "name: people\ncolumns:\n  id: { transfrom: keep }\n");

        var (code, output, error) = await CliRunner.RunAsync("process", Lake, "--out", Out, "--spec", spec);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{spec}:3:9: unknown key 'transfrom'", error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'transform'?", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out, "features")));
    }

    [Fact]
    public async Task Process_MissingPath_ExitsOne()
    {
        var (code, _, error) = await CliRunner.RunAsync("process", _dir.Combine("nope"), "--out", Out);

        Assert.Equal(1, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_OutputInsideTheLake_IsRefused()
    {
        _dir.Write("lake/people/a.csv", "id\n1\n");

        var (code, _, error) = await CliRunner.RunAsync("process", Lake, "--out", _dir.Combine("lake", "prepared"));

        Assert.Equal(1, code);
        Assert.Contains("inside the lake", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_DryRun_ChangesNothingAndSaysWhatItWouldDo()
    {
        _dir.Write("lake/people/a.csv", "id\n1\n");

        var (code, summary, _) = await CliRunner.RunJsonAsync("backfill", Lake, "--out", Out, "--dry-run");

        Assert.Equal(0, code);
        Assert.Equal("would process", summary.GetProperty("objects")[0].GetProperty("reason").GetString());
        Assert.False(Directory.Exists(Path.Combine(Out, "features")));
    }

    [Fact]
    public async Task Process_FeaturesParquet_HasTheSplitColumnAndFloat64Features()
    {
        _dir.Write("lake/people/a.csv", "id,age,city\n1,34,Berlin\n2,,Paris\n3,51,Berlin\n");

        await CliRunner.RunJsonAsync("process", Lake, "--out", Out);

        await using var file = File.OpenRead(Path.Combine(Out, "features", "people", "a.parquet"));
        await using var reader = await ParquetReader.CreateAsync(file);
        var fields = reader.Schema.GetDataFields();
        Assert.Contains(fields, f => f.Name == "split");
        Assert.Contains(fields, f => f.Name == "age" && f.ClrType == typeof(double));
        Assert.Equal(3, reader.Metadata!.RowGroups.Sum(g => g.NumRows));
    }

    [Fact]
    public async Task Redrive_AfterTheSpecIsFixed_ProcessesTheQuarantinedObjectAgain()
    {
        _dir.Write("lake/people/a.csv", "id,age\n1,34\n2,40\n");
        var strict = _dir.Write("strict.yaml", "name: people\nrules:\n  - { check: row_count, min: 5, action: fail }\n");
        var fixedSpec = _dir.Write("fixed.yaml", "name: people\nrules:\n  - { check: row_count, min: 1, action: fail }\n");

        var (first, _, _) = await CliRunner.RunJsonAsync("process", Lake, "--out", Out, "--spec", strict);
        var (again, skipped, _) = await CliRunner.RunJsonAsync("process", Lake, "--out", Out, "--spec", fixedSpec);
        var (code, summary, _) = await CliRunner.RunJsonAsync("redrive", Lake, "--out", Out, "--spec", fixedSpec);

        Assert.Equal(2, first);
        Assert.Equal(0, again);
        Assert.StartsWith("already quarantined", skipped.GetProperty("objects")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Equal("processed", summary.GetProperty("objects")[0].GetProperty("status").GetString());
        Assert.False(File.Exists(Path.Combine(Out, "_quarantine", "people", "a.error.json")));
    }
}
