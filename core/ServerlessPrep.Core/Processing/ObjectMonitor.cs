using ServerlessPrep.Core.Events;
using ServerlessPrep.Core.Lineage;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Quality;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The drift and anomaly step of an object run, once its profile exists (from the profile pass, or from the prepare pass when a
/// dataset fit is active): compares the profile with the dataset's reference, appends its metrics to the history and runs the
/// anomaly checks. A failed check with <c>action: quarantine</c> throws <see cref="MonitoringQuarantineException"/>.
/// </summary>
internal sealed class ObjectMonitor(IKeyValueStore kv, TimeProvider time)
{
    private readonly ReferenceProfiles _references = new(kv, time);
    private readonly MetricHistory _history = new(kv, time);

    public async Task<MonitoringVerdict> EvaluateAsync(string dataset, ObjectCreated created, DatasetSpec spec, DatasetProfile profile, CancellationToken cancellationToken)
    {
        var verdict = MonitoringVerdict.None;
        if (spec.Drift.Enabled && await _references.GetActiveAsync(dataset, cancellationToken).ConfigureAwait(false) is { } reference)
        {
            var partitionColumns = HivePartitions.Parse(created.Key).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            verdict = verdict with { Reference = reference.Info.Id, Drift = DriftEvaluator.Evaluate(spec, reference.Profile, profile, partitionColumns) };
        }

        if (!spec.Anomalies.IsEmpty)
        {
            var quarantinedByDrift = spec.Drift.Action == MonitorAction.Quarantine && verdict.Drifted;
            var anomalies = await _history.RecordAsync(dataset, created.Key, created.VersionToken, AnomalyDetector.Metrics(profile), spec.Anomalies, cancellationToken, quarantinedByDrift).ConfigureAwait(false);
            verdict = verdict with { Anomalies = anomalies };
        }

        if (QuarantineReason(created.Key, spec, verdict) is { } reason)
        {
            throw new MonitoringQuarantineException(reason, verdict);
        }

        return verdict;
    }

    /// <summary>Names every drifted column with its statistics and every anomalous metric, when an action says quarantine.</summary>
    internal static string? QuarantineReason(string key, DatasetSpec spec, MonitoringVerdict verdict)
    {
        var parts = new List<string>();
        if (spec.Drift.Action == MonitorAction.Quarantine && verdict.Drifted)
        {
            parts.Add($"drift against reference {verdict.Reference}: " + string.Join(", ", verdict.Drift.Where(d => d.Drifted).Select(d => $"{d.Column} ({d.Reason})")));
        }

        var quarantining = verdict.Anomalies.Where(a => a.Anomalous && a.Action == SpecVocabulary.NameOf(SpecVocabulary.MonitorActions, MonitorAction.Quarantine)).ToList();
        if (quarantining.Count > 0)
        {
            parts.Add("anomaly: " + string.Join("; ", quarantining.Select(a => $"{a.Detector}: {a.Reason}")));
        }

        return parts.Count == 0 ? null : $"{key}: {string.Join("; ", parts)}";
    }

    /// <summary>
    /// Lineage: the OpenLineage <c>dataQualityAssertions</c> input facet (one assertion per compared column and per judged anomaly
    /// check) and a custom run facet with the statistics behind them.
    /// </summary>
    internal static (IReadOnlyDictionary<string, LineageFacet> InputFacets, IReadOnlyDictionary<string, LineageFacet> RunFacets) LineageFacets(MonitoringVerdict verdict)
    {
        if (verdict.IsEmpty)
        {
            return (new Dictionary<string, LineageFacet>(), new Dictionary<string, LineageFacet>());
        }

        var assertions = new List<object?>();
        foreach (var d in verdict.Drift)
        {
            assertions.Add(new Dictionary<string, object?> { ["assertion"] = "drift", ["success"] = !d.Drifted, ["column"] = d.Column });
        }

        foreach (var a in verdict.Anomalies.Where(a => a.Judged))
        {
            var assertion = new Dictionary<string, object?> { ["assertion"] = $"anomaly.{a.Detector}.{a.Metric}", ["success"] = !a.Anomalous };
            if (a.Column is not null)
            {
                assertion["column"] = a.Column;
            }

            assertions.Add(assertion);
        }

        var inputFacets = new Dictionary<string, LineageFacet>
        {
            ["dataQualityAssertions"] = new(AssertionsFacet, new Dictionary<string, object?> { ["assertions"] = assertions }),
        };
        var runFacets = new Dictionary<string, LineageFacet>
        {
            ["serverlessprep_monitoring"] = new(MonitoringFacet, new Dictionary<string, object?>
            {
                ["reference"] = verdict.Reference,
                ["drifted"] = verdict.Drifted,
                ["anomalous"] = verdict.Anomalous,
                ["drift"] = verdict.Drift.Select(d => (object?)new Dictionary<string, object?>
                {
                    ["column"] = d.Column,
                    ["psi"] = d.Psi,
                    ["ks"] = d.Ks,
                    ["js"] = d.Js,
                    ["newCategories"] = d.NewCategories.Cast<object?>().ToList(),
                    ["missingCategories"] = d.MissingCategories.Cast<object?>().ToList(),
                    ["drifted"] = d.Drifted,
                    ["reason"] = d.Reason,
                }).ToList(),
                ["anomalies"] = verdict.Anomalies.Select(a => (object?)new Dictionary<string, object?>
                {
                    ["metric"] = a.Metric,
                    ["detector"] = a.Detector,
                    ["value"] = a.Value,
                    ["baseline"] = a.Baseline,
                    ["lower"] = a.Lower,
                    ["upper"] = a.Upper,
                    ["history"] = a.History,
                    ["judged"] = a.Judged,
                    ["anomalous"] = a.Anomalous,
                    ["reason"] = a.Reason,
                }).ToList(),
            }),
        };
        return (inputFacets, runFacets);
    }

    private const string AssertionsFacet = "https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet";
    private const string MonitoringFacet = "https://serverlessprep.dev/spec/facets/1-0-0/MonitoringRunFacet.json";
}
