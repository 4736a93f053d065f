using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Specs;

public sealed class MonitorSpecParserTests
{
    private const string Monitored = """
        name: sales
        drift: { psi: 0.3, ks: 0.15, js: 0.05, action: quarantine, columns: [amount, country] }
        anomalies:
          - { metric: row_count, detector: rate_of_change, maxIncrease: 3, maxDecrease: 0.25 }
          - { metric: null_rate, column: amount, detector: online_normal, stddevs: 2.5, minHistory: 10, action: quarantine }
          - { metric: mean, column: amount, detector: online_normal }
        """;

    [Fact]
    public void Parse_DriftAndAnomalies_ReadsEverySetting()
    {
        var d = Assert.Single(SpecParser.Parse(Monitored, "spec.yaml").Datasets);

        Assert.Equal(0.3, d.Drift.Thresholds.PopulationStabilityIndex);
        Assert.Equal(0.15, d.Drift.Thresholds.KolmogorovSmirnov);
        Assert.Equal(0.05, d.Drift.Thresholds.JensenShannon);
        Assert.Equal(MonitorAction.Quarantine, d.Drift.Action);
        Assert.Equal(["amount", "country"], d.Drift.Columns.ToArray());
        Assert.Equal(3, d.Anomalies.Length);
        Assert.Equal((AnomalyMetric.RowCount, AnomalyDetectorKind.RateOfChange, 3.0, 0.25), (d.Anomalies[0].Metric, d.Anomalies[0].Detector, d.Anomalies[0].MaxIncrease!.Value, d.Anomalies[0].MaxDecrease!.Value));
        Assert.Equal(("null_rate.amount", 2.5, 10, MonitorAction.Quarantine), (d.Anomalies[1].MetricKey, d.Anomalies[1].Stddevs, d.Anomalies[1].MinHistory, d.Anomalies[1].Action));
        Assert.Equal((3.0, 5, MonitorAction.Warn), (d.Anomalies[2].Stddevs, d.Anomalies[2].MinHistory, d.Anomalies[2].Action));
    }

    [Fact]
    public void Parse_NoDriftSection_DefaultsWarnWithCommonThresholds()
    {
        var d = Assert.Single(SpecParser.Parse("name: sales\n", "spec.yaml").Datasets);

        Assert.True(d.Drift.Enabled);
        Assert.Equal((0.2, 0.1, 0.1), (d.Drift.Thresholds.PopulationStabilityIndex, d.Drift.Thresholds.KolmogorovSmirnov, d.Drift.Thresholds.JensenShannon));
        Assert.Equal(MonitorAction.Warn, d.Drift.Action);
        Assert.Empty(d.Anomalies);
    }

    [Fact]
    public void Parse_Mistakes_ReportedWithFileLineAndColumn()
    {
        const string yaml = """
            name: sales
            drift: { psi: -1, action: stop }
            anomalies:
              - { metric: mean, detector: online_normal, maxIncrease: 2 }
              - { metric: row_count, column: x, detector: rate_of_change }
              - { metric: row_cnt, detector: online_normal }
            """;

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, "spec.yaml"));

        var messages = e.Errors.Select(x => x.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("spec.yaml:2:15:", StringComparison.Ordinal) && m.Contains("psi must be greater than 0", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("spec.yaml:2:27:", StringComparison.Ordinal) && m.Contains("unknown value 'stop'; expected one of: warn, quarantine", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("spec.yaml:4:5:", StringComparison.Ordinal) && m.Contains("metric 'mean' needs a 'column'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("spec.yaml:4:", StringComparison.Ordinal) && m.Contains("'maxIncrease' applies to the rate_of_change detector", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("spec.yaml:5:", StringComparison.Ordinal) && m.Contains("row_count is about the whole object", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("spec.yaml:5:5:", StringComparison.Ordinal) && m.Contains("rate_of_change needs 'maxIncrease' and/or 'maxDecrease'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("spec.yaml:6:", StringComparison.Ordinal) && m.Contains("did you mean 'row_count'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ThenParse_KeepsDriftAndAnomalies()
    {
        var original = Assert.Single(SpecParser.Parse(Monitored, "spec.yaml").Datasets);

        var parsed = Assert.Single(SpecParser.Parse(SpecWriter.Write([original]), "roundtrip.yaml").Datasets);

        Assert.Equal(original.Drift.Thresholds, parsed.Drift.Thresholds);
        Assert.Equal(original.Drift.Action, parsed.Drift.Action);
        Assert.Equal(original.Drift.Columns.ToArray(), parsed.Drift.Columns.ToArray());
        Assert.Equal(original.Anomalies.Select(a => a with { Line = 0 }), parsed.Anomalies.Select(a => a with { Line = 0 }));
    }

    [Fact]
    public void Write_DefaultDrift_WritesNoSection()
        => Assert.DoesNotContain("drift", SpecWriter.Write([new DatasetSpec { Name = "x", Match = ["x/**"] }]), StringComparison.Ordinal);
}
