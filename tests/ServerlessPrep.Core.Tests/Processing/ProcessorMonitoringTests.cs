using System.Text.Json;
using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Profiling.Serialization;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Processing;

/// <summary>Drift against the reference profile and anomaly checks, wired into processing.</summary>
public sealed class ProcessorMonitoringTests : IDisposable
{
    private const string BaseSpec = """
        name: orders
        entity: customer_id
        eventTime: ts
        columns:
          order_id: keep
          amount: standardize
        split: { by: customer_id, salt: t }
        """;

    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private static SpecSet Spec(string extra = "") => SpecParser.Parse(BaseSpec + "\n" + extra, "spec.yaml");

    /// <summary>100 orders with amounts first, first + 1, …, first + 99 (few enough that the quantile sketch keeps every value).</summary>
    private static Data.RowBatch Orders(int first, int count = 100) => TestLake.Orders(
        [.. Enumerable.Range(0, count).Select(i => (long)i)],
        [.. Enumerable.Range(0, count).Select(i => $"c{i % 7}")],
        [.. Enumerable.Range(first, count).Select(a => (double?)a)],
        [.. Enumerable.Range(0, count).Select(i => Day.AddMinutes(i))]);

    private async Task<DatasetProfile> StoredProfileAsync(string key)
        => ProfileBinarySerializer.Deserialize((await _lake.Kv.GetAsync(KvKeys.Dataset("orders"), KvKeys.Profile(key)))!.Value.Span);

    private async Task<ObjectCreated> ReferenceFromAsync(SpecSet specs, bool activateFit)
    {
        var created = await _lake.PutParquetAsync("orders/dt=2024-01-01/part-0.parquet", Orders(1));
        var first = await _lake.CreateProcessor(specs).ProcessAsync(created);
        Assert.Null(first.Monitoring); // no reference yet: no verdict, no failure
        var profile = await StoredProfileAsync(created.Key);
        await new ReferenceProfiles(_lake.Kv, _lake.Time).SetAsync("orders", profile, "test", default);
        if (activateFit)
        {
            var stats = profile.Columns.ToDictionary(c => c.Name, c => (IColumnStatistics)c, StringComparer.Ordinal);
            await new FitRepository(_lake.Kv).ActivateAsync(TransformFitter.Fit(specs.Datasets[0], profile.Schema, stats, FitState.SourceDataset, "test", _lake.Time), default);
        }

        return created;
    }

    [Theory]
    [InlineData(false)] // two passes: profile, then prepare
    [InlineData(true)] // an active fit: one pass, the profile comes from the prepare pass
    public async Task ProcessAsync_ShiftedPartition_GetsTheExactPsiAndKsInRecordManifestReportAndLineage(bool activeFit)
    {
        await ReferenceFromAsync(Spec(), activeFit);
        var shifted = await _lake.PutParquetAsync("orders/dt=2024-01-02/part-0.parquet", Orders(41));

        var outcome = await _lake.CreateProcessor(Spec()).ProcessAsync(shifted);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        var (psi, ks) = ExactPsiAndKs([.. Enumerable.Range(1, 100).Select(v => (double)v)], [.. Enumerable.Range(41, 100).Select(v => (double)v)]);
        var amount = Assert.Single(outcome.Monitoring!.Drift); // order_id is id-like, customer_id the entity, ts the event time, dt a partition
        Assert.Equal("amount", amount.Column);
        Assert.Equal(psi, amount.Psi!.Value, 12);
        Assert.Equal(0.4, ks, 12);
        Assert.Equal(ks, amount.Ks!.Value, 12);
        Assert.True(amount.Drifted);
        Assert.Contains("PSI", amount.Reason, StringComparison.Ordinal);

        var record = await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", shifted.Key, default);
        Assert.Equal(psi, record!.Monitoring!.Drift[0].Psi!.Value, 12);
        var manifest = JsonDocument.Parse(await _lake.ReadOutputTextAsync("_manifests/orders/dt=2024-01-02/part-0.json")).RootElement.GetProperty("monitoring");
        Assert.True(manifest.GetProperty("drifted").GetBoolean());
        Assert.Equal(ks, manifest.GetProperty("drift")[0].GetProperty("ks").GetDouble(), 12);
        var report = JsonDocument.Parse(await _lake.ReadOutputTextAsync("_profiles/orders/dt=2024-01-02/part-0.json")).RootElement.GetProperty("monitoring");
        Assert.Equal(record.Monitoring.Reference, report.GetProperty("reference").GetString());
        var complete = (await _lake.ListOutputsAsync()).Single(k => k.StartsWith("_lineage/orders/dt=2024-01-02/", StringComparison.Ordinal) && k.EndsWith(".complete.json", StringComparison.Ordinal));
        var lineage = JsonDocument.Parse(await _lake.ReadOutputTextAsync(complete)).RootElement;
        var assertion = lineage.GetProperty("inputs")[0].GetProperty("inputFacets").GetProperty("dataQualityAssertions").GetProperty("assertions")[0];
        Assert.Equal("drift", assertion.GetProperty("assertion").GetString());
        Assert.Equal("amount", assertion.GetProperty("column").GetString());
        Assert.False(assertion.GetProperty("success").GetBoolean());
        Assert.Equal(psi, lineage.GetProperty("run").GetProperty("facets").GetProperty("serverlessprep_monitoring").GetProperty("drift")[0].GetProperty("psi").GetDouble(), 12);
    }

    [Fact]
    public async Task ProcessAsync_SameDistribution_NoDrift()
    {
        var spec = Spec();
        await ReferenceFromAsync(spec, activateFit: false);
        var same = await _lake.PutParquetAsync("orders/dt=2024-01-02/part-0.parquet", Orders(1));

        var outcome = await _lake.CreateProcessor(spec).ProcessAsync(same);

        var amount = Assert.Single(outcome.Monitoring!.Drift);
        Assert.False(amount.Drifted);
        Assert.Equal(0, amount.Ks!.Value, 12);
        Assert.Equal(0, amount.Psi!.Value, 12);
    }

    [Fact]
    public async Task ProcessAsync_DriftWithQuarantineAction_QuarantinesNamingColumnAndMetric()
    {
        var spec = Spec("drift: { psi: 0.25, ks: 0.2, action: quarantine }");
        await ReferenceFromAsync(spec, activateFit: false);
        var shifted = await _lake.PutParquetAsync("orders/dt=2024-01-02/part-0.parquet", Orders(41));

        var outcome = await _lake.CreateProcessor(spec).ProcessAsync(shifted);

        Assert.Equal(ObjectStatus.Quarantined, outcome.Status);
        Assert.Contains("orders/dt=2024-01-02/part-0.parquet", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("amount (PSI", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("KS 0.4 > 0.2", outcome.Reason, StringComparison.Ordinal);
        var outputs = await _lake.ListOutputsAsync();
        Assert.DoesNotContain("features/orders/dt=2024-01-02/part-0.parquet", outputs);
        Assert.Contains("_quarantine/orders/dt=2024-01-02/part-0.error.json", outputs);
        var record = await new ObjectClaims(_lake.Kv, _lake.Time, new ProcessorOptions()).GetAsync("orders", shifted.Key, default);
        Assert.Equal(RecordStatus.Quarantined, record!.Status);
        Assert.True(record.Monitoring!.Drifted);
    }

    [Fact]
    public async Task ProcessAsync_DriftDisabled_NoVerdictEvenWithAReference()
    {
        var spec = Spec("drift: { enabled: false }");
        await ReferenceFromAsync(spec, activateFit: false);
        var shifted = await _lake.PutParquetAsync("orders/dt=2024-01-02/part-0.parquet", Orders(41));

        var outcome = await _lake.CreateProcessor(spec).ProcessAsync(shifted);

        Assert.Equal(ObjectStatus.Processed, outcome.Status);
        Assert.Null(outcome.Monitoring);
    }

    [Fact]
    public async Task ProcessAsync_RowCountAnomaly_AcrossProcessorInstances_QuarantinesTheJump()
    {
        var spec = Spec("anomalies: [ { metric: row_count, detector: rate_of_change, maxIncrease: 2, action: quarantine } ]");
        var a = await _lake.PutParquetAsync("orders/dt=2024-01-01/part-0.parquet", Orders(1, 50));
        var b = await _lake.PutParquetAsync("orders/dt=2024-01-02/part-0.parquet", Orders(1, 90));
        var c = await _lake.PutParquetAsync("orders/dt=2024-01-03/part-0.parquet", Orders(1, 200));

        var first = await _lake.CreateProcessor(spec).ProcessAsync(a);
        var second = await _lake.CreateProcessor(spec).ProcessAsync(b);
        var third = await _lake.CreateProcessor(spec).ProcessAsync(c);

        Assert.False(Assert.Single(first.Monitoring!.Anomalies).Judged);
        Assert.Equal(ObjectStatus.Processed, second.Status);
        Assert.False(second.Monitoring!.Anomalies[0].Anomalous); // 90 / 50 = 1.8
        Assert.Equal(ObjectStatus.Quarantined, third.Status); // 200 / 90 = 2.2
        Assert.Contains("row_count 200 is 2.2222× the previous 90 (maxIncrease 2)", third.Reason, StringComparison.Ordinal);
        Assert.True(third.Monitoring!.Anomalous);
        Assert.Null(third.Monitoring.Reference);
    }

    /// <summary>PSI over the reference's deciles and KS, straight from the definitions on the raw values.</summary>
    private static (double Psi, double Ks) ExactPsiAndKs(double[] reference, double[] current)
    {
        static double Cdf(double[] values, double x) => values.Count(v => v <= x) / (double)values.Length;
        var sorted = reference.Order().ToArray();
        var edges = Enumerable.Range(1, 9).Select(i => sorted[(int)Math.Ceiling(i / 10.0 * sorted.Length) - 1]).Distinct().ToArray();
        double psi = 0, previousE = 0, previousA = 0;
        foreach (var edge in edges.Append(double.PositiveInfinity))
        {
            var (e, a) = (Cdf(reference, edge), Cdf(current, edge));
            var (binE, binA) = (Math.Max(e - previousE, 1e-4), Math.Max(a - previousA, 1e-4)); // the detector's smoothing of empty bins
            psi += (binA - binE) * Math.Log(binA / binE);
            (previousE, previousA) = (e, a);
        }

        var ks = reference.Concat(current).Max(x => Math.Abs(Cdf(reference, x) - Cdf(current, x)));
        return (psi, ks);
    }
}
