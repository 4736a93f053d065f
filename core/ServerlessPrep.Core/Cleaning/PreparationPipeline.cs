namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Applies a frozen <see cref="FitState"/> to the batches of one object: coercion → trim/case → rules → dedup → split
/// assignment → imputation (+ indicators) → outliers → featurize → compaction. Everything is validated and the
/// <see cref="OutputSchema"/> computed in <see cref="Create"/>, before any data is read. One instance per object: only
/// dedup and unique rules keep state across batches (64-bit key hashes). Not thread-safe.
/// </summary>
public sealed class PreparationPipeline
{
    private readonly PipelinePlan _plan;
    private readonly BatchBuffers _buffers = new();

    private PreparationPipeline(DatasetSpec spec, BatchSchema input, FitState fit, PipelinePlan plan)
    {
        Spec = spec;
        InputSchema = input;
        Fit = fit;
        _plan = plan;
        Counters.Register(plan, input);
    }

    public DatasetSpec Spec { get; }

    public BatchSchema InputSchema { get; }

    public FitState Fit { get; }

    /// <summary>The schema of every <see cref="PreparedBatch.Features"/>, known before any data is read.</summary>
    public BatchSchema OutputSchema => _plan.Output;

    /// <summary>One entry per output column, in output order.</summary>
    public IReadOnlyList<ColumnLineage> Lineage => _plan.Lineage;

    /// <summary>Differences from the fitted schema that are absorbed (missing columns imputed, kinds coerced, extra columns ignored).</summary>
    public IReadOnlyList<SchemaChange> SchemaChanges => _plan.SchemaChanges;

    /// <summary>Cumulative over the batches applied so far.</summary>
    public QualityCounters Counters { get; } = new();

    /// <summary>True when dedup keeps the last occurrence: call <see cref="ObserveKeys"/> for every batch before the first <see cref="Apply"/>.</summary>
    public bool NeedsKeyPass => _plan.Dedup?.NeedsKeyPass ?? false;

    /// <exception cref="SchemaMismatchException">An input column cannot be coerced to the kind it was fitted as.</exception>
    /// <exception cref="SpecException">The spec refers to columns the fit does not have, has an invalid regex, or output names collide.</exception>
    /// <exception cref="ArgumentException">The fit is for another dataset or disagrees with the spec's transforms.</exception>
    public static PreparationPipeline Create(DatasetSpec spec, BatchSchema inputSchema, FitState fit)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(fit);
        return new PreparationPipeline(spec, inputSchema, fit, PipelinePlanner.Plan(spec, inputSchema, fit));
    }

    /// <summary>Key-only pre-pass for dedup with <see cref="DedupKeep.Last"/> (a batch may carry just the key columns).</summary>
    public void ObserveKeys(RowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_plan.Dedup is not { NeedsKeyPass: true } dedup)
        {
            return;
        }

        var work = new WorkingColumn[_plan.Columns.Length];
        foreach (var k in dedup.KeyColumns)
        {
            var p = _plan.Columns[k];
            var source = batch.Find(p.Name) ?? OutputColumnBuilder.Missing(p.Name, p.Fit.Kind, batch.RowCount);
            work[k] = Prepare(p, source, count: false, buffers: null);
        }

        dedup.Observe(work, batch.FirstRowIndex, batch.RowCount);
    }

    /// <summary>
    /// Prepares one batch of the object. The result does not reference the input's buffers (it stays valid after the reader
    /// moves on), but its <see cref="PreparedBatch.Features"/> arrays are reused by the next <see cref="Apply"/> call on this
    /// pipeline: write or copy them before applying the next batch (rejected rows are independent copies).
    /// </summary>
    /// <exception cref="Quality.Rules.RuleViolationException">A row failed a rule whose action is Fail.</exception>
    public PreparedBatch Apply(RowBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ReferenceEquals(input.Schema, InputSchema) && !input.Schema.Equals(InputSchema))
        {
            throw new ArgumentException($"Batch schema ({input.Schema}) differs from the schema the pipeline was created for ({InputSchema}).", nameof(input));
        }

        var n = input.RowCount;
        _buffers.Reset();
        var work = new WorkingColumn[_plan.Columns.Length];
        for (var p = 0; p < work.Length; p++)
        {
            var plan = _plan.Columns[p];
            if (!plan.Used)
            {
                continue;
            }

            var source = plan.InputIndex >= 0 ? input.Columns[plan.InputIndex] : OutputColumnBuilder.Missing(plan.Name, plan.Fit.Kind, n);
            work[p] = Prepare(plan, source, count: true, _buffers);
        }

        _plan.ObjectRules.Observe(work, n);
        var removed = _buffers.Bools(n, clear: true);
        var rejected = new List<RejectedRow>();
        _plan.Rules.Evaluate(work, input, removed, rejected, Counters);
        var duplicates = _plan.Dedup?.Apply(work, input.FirstRowIndex, removed.AsSpan(0, n)) ?? 0;
        var labels = _buffers.Strings(n);
        _plan.Split.Assign(work, n, labels);
        var stages = new BatchStages(_buffers, n);
        var indicators = stages.Impute(_plan.Columns, work, removed, Counters);
        var outliers = stages.Outliers(_plan.Columns, work, removed, Counters);
        var features = stages.Assemble(_plan, work, indicators, labels, removed, Counters.RowsOut);
        Counters.RowsIn += n;
        Counters.RowsOut += features.RowCount;
        Counters.RowsRejected += rejected.Count;
        Counters.DuplicatesDropped += duplicates;
        Counters.OutlierRowsDropped += outliers;
        return new PreparedBatch(features, rejected, duplicates, outliers);
    }

    /// <summary>
    /// Evaluates the object-level rules (row count, completeness) after the last batch. Failures of Reject/Warn rules are
    /// returned (and counted); a failing Fail rule throws.
    /// </summary>
    /// <exception cref="Quality.Rules.RuleViolationException">An object-level rule whose action is Fail failed.</exception>
    public IReadOnlyList<Quality.Rules.ObjectRuleResult> CompleteObject()
    {
        var results = _plan.ObjectRules.Evaluate(Counters.RowsIn);
        foreach (var r in results)
        {
            Counters.AddRule(r.Rule, 1, r.Passed ? 0 : 1);
        }

        foreach (var r in results)
        {
            if (!r.Passed && r.Action == RuleAction.Fail)
            {
                throw new Quality.Rules.RuleViolationException(r.Rule, null, -1, null, r.Reason);
            }
        }

        return results;
    }

    private WorkingColumn Prepare(ColumnPlan plan, Column source, bool count, BatchBuffers? buffers)
    {
        var coerced = Coercion.Coerce(source, plan.Fit.Kind, out var failures);
        if (count && failures > 0)
        {
            Counters.AddCoercionFailures(plan.Name, failures);
        }

        var work = WorkingColumn.From(coerced, buffers);
        TextNormalizer.Apply(work, plan.Fit.Trim, plan.Fit.Case);
        return work;
    }
}
