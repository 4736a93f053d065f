using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Cli.Running;

/// <summary>The accounting of a run: every listed object appears exactly once.</summary>
internal sealed class RunSummary
{
    private readonly List<ProcessingOutcome> _outcomes = [];

    public IReadOnlyList<ProcessingOutcome> Outcomes => _outcomes;

    public TimeSpan Elapsed { get; set; }

    /// <summary>Inferred specs to show the user, as YAML (empty when every dataset had a declared spec).</summary>
    public string InferredSpecYaml { get; set; } = string.Empty;

    /// <summary>The deployment's queue a cloud backfill enqueued on (null for an in-process run).</summary>
    public string? Queue { get; set; }

    /// <summary>Messages a cloud backfill enqueued.</summary>
    public int Enqueued { get; set; }

    /// <summary><c>--no-wait</c>: pending objects were not followed on purpose and do not fail the run.</summary>
    public bool PendingExpected { get; set; }

    public void Add(ProcessingOutcome outcome)
    {
        lock (_outcomes)
        {
            _outcomes.Add(outcome);
        }
    }

    public int Count(ObjectStatus status) => _outcomes.Count(o => o.Status == status);

    public long RowsIn => _outcomes.Sum(o => o.Status == ObjectStatus.Processed ? o.RowsIn : 0);

    public long RowsOut => _outcomes.Sum(o => o.Status == ObjectStatus.Processed ? o.RowsOut : 0);

    /// <summary>Objects with at least one drifted column (processed with a warning, or quarantined for it).</summary>
    public int Drifted => _outcomes.Count(o => o.Monitoring?.Drifted == true);

    /// <summary>Objects with at least one anomalous metric.</summary>
    public int Anomalous => _outcomes.Count(o => o.Monitoring?.Anomalous == true);

    public long BytesIn => _outcomes.Sum(o => o.Status == ObjectStatus.Processed ? o.BytesIn : 0);

    public int ExitCode => Count(ObjectStatus.Failed) > 0 || (!PendingExpected && Count(ObjectStatus.Pending) > 0) ? ExitCodes.Error
        : Count(ObjectStatus.Quarantined) > 0 ? ExitCodes.SomeQuarantined
        : ExitCodes.Success;

    public void Sort() => _outcomes.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
}
