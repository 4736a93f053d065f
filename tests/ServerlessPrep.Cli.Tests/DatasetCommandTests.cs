using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ServerlessPrep.Cli.Tests;

/// <summary><c>profile/fit/reference --dataset</c> with partition filters, and drift surfacing in the <c>--json</c> summary.</summary>
public sealed class DatasetCommandTests : IDisposable
{
    private const string Spec = """
        name: sales
        columns:
          amount: standardize
          country: { transform: { kind: onehot, topK: 5 } }
        """;

    private readonly TempFolder _dir = new();

    public DatasetCommandTests() => _dir.Write("spec.yaml", Spec);

    public void Dispose() => _dir.Dispose();

    private string Out => _dir.Combine("out");

    private string SpecPath => _dir.Combine("spec.yaml");

    /// <summary>Rows with amounts first..first+count-1 and countries cycling DE/FR/IT.</summary>
    private void WriteSales(string relative, int first, int count = 60)
    {
        var csv = new StringBuilder("amount,country\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{first + i},{(i % 3 == 0 ? "DE" : i % 3 == 1 ? "FR" : "IT")}\n");
        }

        _dir.Write("lake/" + relative, csv.ToString());
    }

    private async Task ProcessAsync(params string[] extra)
    {
        var (code, _, error) = await CliRunner.RunAsync(["process", _dir.Combine("lake", "sales"), "--out", Out, "--spec", SpecPath, .. extra]);
        Assert.True(code == 0, error);
    }

    [Fact]
    public async Task ProfileDataset_Where_MergesOnlyTheMatchingPartitions()
    {
        WriteSales("sales/region=eu/dt=2026-01-01/a.csv", 1, 10);
        WriteSales("sales/region=eu/dt=2026-01-02/a.csv", 1, 20);
        WriteSales("sales/region=us/dt=2026-01-01/a.csv", 1, 40);
        await ProcessAsync();

        var (code, output, error) = await CliRunner.RunAsync("profile", "--dataset", "sales", "--out", Out, "--where", "region=eu", "--where", "dt>=2026-01-02", "--json");

        Assert.True(code == 0, error);
        var profile = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, profile.GetProperty("objectCount").GetInt32());
        Assert.Equal(20, profile.GetProperty("rowCount").GetInt64());
    }

    [Fact]
    public async Task ProfileDataset_BadWhere_ExitsOneNamingTheToken()
    {
        WriteSales("sales/region=eu/a.csv", 1, 10);
        await ProcessAsync();

        var (code, _, error) = await CliRunner.RunAsync("profile", "--dataset", "sales", "--out", Out, "--where", "region~eu");

        Assert.Equal(1, code);
        Assert.Contains("--where 'region~eu': cannot read 'region~eu' (no comparison operator); expected name=value", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileDataset_WhereMatchesNothing_ExitsOneSayingSo()
    {
        WriteSales("sales/region=eu/a.csv", 1, 10);
        await ProcessAsync();

        var (code, _, error) = await CliRunner.RunAsync("profile", "--dataset", "sales", "--out", Out, "--where", "region=asia");

        Assert.Equal(1, code);
        Assert.Contains("none of its 1 object profiles match --where region=asia", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_StoresTheReference_LaterDriftedPartitionIsCountedInTheSummary()
    {
        WriteSales("sales/region=eu/a.csv", 1);
        WriteSales("sales/region=us/a.csv", 1000);
        await ProcessAsync();

        var (fitCode, fitOut, fitError) = await CliRunner.RunAsync("fit", "--dataset", "sales", "--out", Out, "--spec", SpecPath, "--where", "region=eu");
        WriteSales("sales/region=eu/b.csv", 1);
        WriteSales("sales/region=eu/c.csv", 500);
        var (code, summary, error) = await CliRunner.RunJsonAsync("process", _dir.Combine("lake", "sales"), "--out", Out, "--spec", SpecPath);

        Assert.True(fitCode == 0, fitError);
        Assert.Contains("drift reference for 'sales' is now ref-", fitOut, StringComparison.Ordinal);
        Assert.True(code == 0, error);
        Assert.Equal(1, summary.GetProperty("totals").GetProperty("drifted").GetInt32());
        Assert.Equal(0, summary.GetProperty("totals").GetProperty("anomalous").GetInt32());
        var objects = summary.GetProperty("objects").EnumerateArray().ToDictionary(o => o.GetProperty("key").GetString()!);
        Assert.False(objects["sales/region=eu/b.csv"].GetProperty("drifted").GetBoolean());
        Assert.True(objects["sales/region=eu/c.csv"].GetProperty("drifted").GetBoolean());
        Assert.Equal(["amount"], objects["sales/region=eu/c.csv"].GetProperty("driftedColumns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("processed", objects["sales/region=eu/c.csv"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reference_Clear_NoVerdictAfterwards()
    {
        WriteSales("sales/a.csv", 1);
        await ProcessAsync();
        Assert.Equal(0, (await CliRunner.RunAsync("reference", "--dataset", "sales", "--out", Out)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("reference", "--dataset", "sales", "--out", Out, "--clear")).ExitCode);
        WriteSales("sales/b.csv", 500);

        var (_, summary, _) = await CliRunner.RunJsonAsync("process", _dir.Combine("lake", "sales"), "--out", Out, "--spec", SpecPath);

        var b = summary.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "sales/b.csv");
        Assert.False(b.GetProperty("drifted").GetBoolean());
        Assert.Equal(0, summary.GetProperty("totals").GetProperty("drifted").GetInt32());
    }
}
