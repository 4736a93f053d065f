using System.Collections.Immutable;
using System.Text.Json;
using ServerlessPrep.Core.Quality;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// The per-dataset history of per-object metrics and the anomaly checks run against it. Each object appends one entry; the
/// order is the order in which objects win the conditional update of <c>metrics@state</c>, so verdicts are deterministic given
/// that order. A check added to the spec later starts from a replay of the stored entries. An object that is quarantined
/// (a check with <c>action: quarantine</c> failed) is recorded but does not become the baseline of later objects: the next
/// object is compared with the last accepted one, so one spike does not also quarantine the return to normal.
/// </summary>
public sealed class MetricHistory(IKeyValueStore kv, TimeProvider time)
{
    private const int MaxAttempts = 50;

    /// <summary>
    /// Judges the object's metrics, then appends them (with the verdicts). A retry of the last object returns its stored verdicts.
    /// <paramref name="quarantinedByDrift"/>: the object is quarantined anyway, so its values must not become a baseline.
    /// </summary>
    public async Task<IReadOnlyList<AnomalyVerdict>> RecordAsync(
        string dataset,
        string objectKey,
        string objectVersion,
        IReadOnlyDictionary<string, double> metrics,
        ImmutableArray<AnomalySpec> checks,
        CancellationToken cancellationToken,
        bool quarantinedByDrift = false)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var pk = KvKeys.Dataset(dataset);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await kv.GetAsync(pk, KvKeys.MetricsState, cancellationToken).ConfigureAwait(false);
            var state = stored is null ? MetricHistoryState.Empty : JsonSerializer.Deserialize(stored.Value.Span, CoreJsonContext.Default.MetricHistoryState)!;
            if (state.Last is { } last && last.ObjectKey == objectKey && last.ObjectVersion == objectVersion)
            {
                await WriteEntryAsync(pk, last, cancellationToken).ConfigureAwait(false);
                return last.Anomalies;
            }

            var normals = new Dictionary<string, WelfordState>(state.Normals, StringComparer.Ordinal);
            var unseen = checks.Where(c => c.Detector == AnomalyDetectorKind.OnlineNormal && !normals.ContainsKey(c.Id)).ToList();
            if (unseen.Count > 0 && state.Sequence > 0)
            {
                await ReplayAsync(pk, unseen, normals, cancellationToken).ConfigureAwait(false);
            }

            var baseline = new Dictionary<string, WelfordState>(normals, StringComparer.Ordinal);

            var verdicts = new List<AnomalyVerdict>(checks.Length);
            foreach (var check in checks)
            {
                var value = metrics.TryGetValue(check.MetricKey, out var v) ? v : (double?)null;
                if (check.Detector == AnomalyDetectorKind.RateOfChange)
                {
                    var previous = state.LastValues.TryGetValue(check.MetricKey, out var p) ? p : (double?)null;
                    verdicts.Add(AnomalyDetector.RateOfChange(check, previous, state.Sequence, value));
                }
                else
                {
                    var (verdict, updated) = AnomalyDetector.OnlineNormal(check, normals.GetValueOrDefault(check.Id, WelfordState.Empty), value);
                    normals[check.Id] = updated;
                    verdicts.Add(verdict);
                }
            }

            var quarantined = quarantinedByDrift || verdicts.Any(v => v.Anomalous && v.Action == SpecVocabulary.NameOf(SpecVocabulary.MonitorActions, MonitorAction.Quarantine));
            var entry = new MetricHistoryEntry
            {
                Quarantined = quarantined,
                Sequence = state.Sequence + 1,
                ObjectKey = objectKey,
                ObjectVersion = objectVersion,
                RecordedAt = time.GetUtcNow(),
                Metrics = metrics,
                Anomalies = verdicts,
            };
            var lastValues = new Dictionary<string, double>(state.LastValues, StringComparer.Ordinal);
            if (!quarantined)
            {
                foreach (var (key, value) in metrics)
                {
                    lastValues[key] = value;
                }
            }

            var next = new MetricHistoryState { Sequence = entry.Sequence, LastValues = lastValues, Normals = quarantined ? baseline : normals, Last = entry };
            var item = new KvItem(pk, KvKeys.MetricsState, JsonSerializer.SerializeToUtf8Bytes(next, CoreJsonContext.Default.MetricHistoryState));
            var condition = stored is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(stored.VersionToken!);
            if (await kv.PutAsync(item, condition, cancellationToken).ConfigureAwait(false) is not null)
            {
                await WriteEntryAsync(pk, entry, cancellationToken).ConfigureAwait(false);
                return verdicts;
            }
        }

        throw new TransientStorageException($"Dataset '{dataset}': could not append to the metric history after {MaxAttempts} attempts (too many concurrent writers).");
    }

    /// <summary>The history in commit order.</summary>
    public async IAsyncEnumerable<MetricHistoryEntry> ReadAsync(string dataset, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in kv.QueryAsync(KvKeys.Dataset(dataset), KvKeys.MetricsPrefix, cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Deserialize(item.Value.Span, CoreJsonContext.Default.MetricHistoryEntry)!;
        }
    }

    private async Task ReplayAsync(string pk, List<AnomalySpec> checks, Dictionary<string, WelfordState> normals, CancellationToken cancellationToken)
    {
        foreach (var check in checks)
        {
            normals[check.Id] = WelfordState.Empty;
        }

        await foreach (var item in kv.QueryAsync(pk, KvKeys.MetricsPrefix, cancellationToken).ConfigureAwait(false))
        {
            var entry = JsonSerializer.Deserialize(item.Value.Span, CoreJsonContext.Default.MetricHistoryEntry)!;
            if (entry.Quarantined)
            {
                continue;
            }

            foreach (var check in checks)
            {
                var value = entry.Metrics.TryGetValue(check.MetricKey, out var v) ? v : (double?)null;
                normals[check.Id] = AnomalyDetector.OnlineNormal(check, normals[check.Id], value).State;
            }
        }
    }

    private async Task WriteEntryAsync(string pk, MetricHistoryEntry entry, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, CoreJsonContext.Default.MetricHistoryEntry);
        await kv.PutAsync(new KvItem(pk, KvKeys.Metrics(entry.Sequence), bytes), KvWriteCondition.None, cancellationToken).ConfigureAwait(false);
    }
}
