using System.Text.Json;

namespace ServerlessPrep.Cli.Tests;

/// <summary><c>online --dataset NAME ENTITY…</c>: the latest feature row per entity from the state store.</summary>
public sealed class OnlineCommandTests : IDisposable
{
    private const string Spec = """
        name: sales
        entity: customer
        eventTime: ts
        columns:
          amount: standardize
        """;

    private readonly TempFolder _dir = new();

    public OnlineCommandTests() => _dir.Write("spec.yaml", Spec);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Online_AfterTwoPartitionsOutOfOrder_PrintsTheNewestRowAndFoundFalseForUnknown()
    {
        _dir.Write("lake/sales/b.csv", "customer,ts,amount\na,2026-01-03T00:00:00Z,30\nb,2026-01-01T00:00:00Z,5\n");
        _dir.Write("lake/sales/a.csv", "customer,ts,amount\na,2026-01-01T00:00:00Z,10\na,2026-01-02T00:00:00Z,20\n");
        var (processed, _, processError) = await CliRunner.RunAsync("process", _dir.Combine("lake", "sales"), "--out", _dir.Combine("out"), "--spec", _dir.Combine("spec.yaml"));
        Assert.True(processed == 0, processError);

        var (code, output, error) = await CliRunner.RunAsync("online", "--dataset", "sales", "--out", _dir.Combine("out"), "a", "b", "nobody");

        Assert.True(code == 0, error);
        var entities = JsonDocument.Parse(output).RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(["a", "b", "nobody"], entities.Select(e => e.GetProperty("entity").GetString()));
        Assert.Equal([true, true, false], entities.Select(e => e.GetProperty("found").GetBoolean()));
        Assert.Equal("sales/b.csv", entities[0].GetProperty("source").GetString());
        Assert.StartsWith("2026-01-03T00:00:00", entities[0].GetProperty("eventTime").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, entities[0].GetProperty("format").GetInt32());
        Assert.True(entities[0].GetProperty("features").TryGetProperty("amount", out var amount) && amount.ValueKind == JsonValueKind.Number, output);
    }

    [Fact]
    public async Task Online_NoStateStore_ExitsOneSayingSo()
    {
        var (code, _, error) = await CliRunner.RunAsync("online", "--dataset", "sales", "--out", _dir.Combine("nothing"), "a");

        Assert.Equal(1, code);
        Assert.Contains("No state store", error, StringComparison.Ordinal);
    }
}
