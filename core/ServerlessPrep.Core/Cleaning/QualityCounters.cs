namespace ServerlessPrep.Core.Cleaning;

/// <summary>
/// What the pipeline did to one object's rows so far (cumulative over <see cref="PreparationPipeline.Apply"/> calls). Keys are
/// registered when the pipeline is created, in spec/fit order, so reports list them deterministically (zeros included).
/// </summary>
public sealed class QualityCounters
{
    private readonly Dictionary<string, RuleCounts> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _imputed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _coercionFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _outliers = new(StringComparer.Ordinal);

    public long RowsIn { get; internal set; }

    public long RowsOut { get; internal set; }

    public long RowsRejected { get; internal set; }

    public long DuplicatesDropped { get; internal set; }

    public long OutlierRowsDropped { get; internal set; }

    /// <summary>Per rule name (e.g. <c>amount.range</c>).</summary>
    public IReadOnlyDictionary<string, RuleCounts> Rules => _rules;

    /// <summary>Missing values filled, per column (output rows only: rejected/dropped rows are not counted).</summary>
    public IReadOnlyDictionary<string, long> Imputed => _imputed;

    /// <summary>Non-missing input values that could not be converted to the fitted kind (they became missing), per column.</summary>
    public IReadOnlyDictionary<string, long> CoercionFailures => _coercionFailures;

    /// <summary>Per column: values clipped (Clip/Winsorize) or rows dropped (Drop) by its outlier fences.</summary>
    public IReadOnlyDictionary<string, long> Outliers => _outliers;

    /// <summary>Registers every counter the plan can move, in plan order, so that zeros are reported too.</summary>
    internal void Register(PipelinePlan plan, Data.BatchSchema input)
    {
        foreach (var rule in plan.Rules.Checks)
        {
            _rules.TryAdd(rule.Name, default);
        }

        foreach (var (rule, _) in plan.ObjectRules.Rules)
        {
            _rules.TryAdd(rule.Name, default);
        }

        foreach (var p in plan.Columns)
        {
            if (p.InputIndex >= 0 && input.Columns[p.InputIndex].Kind != p.Fit.Kind)
            {
                _coercionFailures.TryAdd(p.Name, 0);
            }

            if (p.Fit.Impute is not null)
            {
                _imputed.TryAdd(p.Name, 0);
            }

            if (p.Fit.Outliers is not null)
            {
                _outliers.TryAdd(p.Name, 0);
            }
        }
    }

    internal void AddRule(string name, long evaluated, long failed)
    {
        var c = _rules.GetValueOrDefault(name);
        _rules[name] = new RuleCounts(c.Evaluated + evaluated, c.Failed + failed);
    }

    internal void AddImputed(string column, long count) => _imputed[column] = _imputed.GetValueOrDefault(column) + count;

    internal void AddCoercionFailures(string column, long count) => _coercionFailures[column] = _coercionFailures.GetValueOrDefault(column) + count;

    internal void AddOutliers(string column, long count) => _outliers[column] = _outliers.GetValueOrDefault(column) + count;
}
