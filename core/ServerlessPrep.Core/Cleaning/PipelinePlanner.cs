using System.Collections.Immutable;

namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Quality.Rules;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Splitting;

/// <summary>Validates (spec, input schema, fit) and computes the plan and output schema, reading no data.</summary>
internal static class PipelinePlanner
{
    public static PipelinePlan Plan(DatasetSpec spec, BatchSchema input, FitState fit)
    {
        if (spec.Name != fit.Dataset)
        {
            throw new ArgumentException($"Fit {fit.Version} is for dataset '{fit.Dataset}', not '{spec.Name}'.", nameof(fit));
        }

        var changes = ImmutableArray.CreateBuilder<SchemaChange>();
        var columns = new ColumnPlan[fit.Columns.Length];
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < columns.Length; p++)
        {
            var c = fit.Columns[p];
            CheckSpecAgrees(spec, fit, c);
            var index = input.IndexOf(c.Name);
            if (index < 0)
            {
                changes.Add(new SchemaChange(c.Name, SchemaChangeKind.Missing, c.Impute is { } i && (i.Number ?? (object?)i.Text) is not null
                    ? $"absent from the input; imputed ({i.Strategy})" : "absent from the input; left missing"));
            }
            else if (input.Columns[index].Kind is var actual && actual != c.SourceKind)
            {
                if (!Coercion.CanCoerce(actual, c.Kind))
                {
                    throw new SchemaMismatchException(c.Name, c.Kind.ToString(), actual.ToString(), $"fitted as {c.SourceKind} in {fit.Version}; {actual} cannot be coerced to {c.Kind}");
                }

                changes.Add(new SchemaChange(c.Name, SchemaChangeKind.KindChanged, $"{c.SourceKind} in the fit, {actual} in the input; coerced to {c.Kind}"));
            }

            var featurizer = FeaturizerFactory.Create(c);
            columns[p] = new ColumnPlan(c, index, featurizer)
            {
                KeepRaw = featurizer is not null && (c.Name == spec.EntityColumn || c.Name == spec.EventTimeColumn) && !featurizer.OutputNames.Contains(c.Name),
            };
            indexByName[c.Name] = p;
        }

        foreach (var c in input.Columns)
        {
            if (!indexByName.ContainsKey(c.Name))
            {
                changes.Add(new SchemaChange(c.Name, SchemaChangeKind.Added, $"{c.Kind} column not in fit {fit.Version}; ignored"));
            }
        }

        var errors = new List<SpecError>();
        int Find(string name) => indexByName.TryGetValue(name, out var i) ? i : -1;
        int[] Resolve(IEnumerable<string> names, string what)
        {
            var list = new List<int>();
            foreach (var name in names)
            {
                var i = Find(name);
                if (i < 0)
                {
                    errors.Add(new SpecError("spec", 0, 0, $"{what}: no column '{name}' in fit {fit.Version}."));
                }

                list.Add(i);
            }

            return [.. list];
        }

        var rules = RuleSet.Compile(spec.Rules, Find, i => columns[i].Fit.Kind, errors);
        var objectRules = new ObjectRules([.. spec.Rules
            .Where(r => r.Kind is RuleKind.RowCount || (r.Kind is RuleKind.Completeness && r.Column is not null && Find(r.Column) >= 0))
            .Select(r => (r, r.Column is null ? -1 : Find(r.Column)))]);
        var dedup = spec.Dedup is { } d ? new Deduplicator(Resolve(d.Keys, "Dedup key"), d.Keep) : null;
        var crosses = fit.Crosses.Select(x => (FeaturizerFactory.Create(x), Resolve(x.Columns, "Cross"))).ToArray();
        var split = PlanSplit(spec, columns, Find, errors);
        if (errors.Count > 0)
        {
            throw new SpecException(errors);
        }

        MarkUsed(columns, rules, dedup, crosses, split.Inputs, indexByName);
        foreach (var (_, column) in objectRules.Rules)
        {
            if (column >= 0)
            {
                columns[column].Used = true;
            }
        }

        var (output, lineage) = OutputPlanner.Plan(columns, crosses, spec, split.Inputs);
        return new PipelinePlan(columns, crosses, rules, objectRules, dedup, split.Assigner, output, lineage, changes.ToImmutable());
    }

    private static (SplitAssigner Assigner, ImmutableArray<string> Inputs) PlanSplit(DatasetSpec spec, ColumnPlan[] columns, Func<string, int> find, List<SpecError> errors)
    {
        var s = spec.Split;
        if (s.Method == SplitMethod.Time)
        {
            var time = spec.EventTimeColumn is null ? -1 : find(spec.EventTimeColumn);
            if (time < 0 || columns[time].Fit.Kind is not (DataKind.Timestamp or DataKind.Date))
            {
                errors.Add(new SpecError("spec", 0, 0, $"A time split needs an event-time column of kind Timestamp or Date (event_time: '{spec.EventTimeColumn}')."));
                return (null!, []);
            }

            return (new SplitAssigner(s, [], time), [spec.EventTimeColumn!]);
        }

        var group = s.GroupColumn ?? spec.EntityColumn;
        if (group is null)
        {
            return (new SplitAssigner(s, [.. Enumerable.Range(0, columns.Length)], -1), [.. columns.Select(c => c.Name)]);
        }

        var index = find(group);
        if (index < 0)
        {
            errors.Add(new SpecError("spec", 0, 0, $"Split group column '{group}' is not in the fit."));
        }

        return (new SplitAssigner(s, [index], -1), [group]);
    }

    private static void MarkUsed(
        ColumnPlan[] columns, RuleSet rules, Deduplicator? dedup, (CrossFeaturizer, int[] Inputs)[] crosses, ImmutableArray<string> splitInputs, Dictionary<string, int> indexByName)
    {
        foreach (var c in columns)
        {
            c.Used |= c.Fit.Outliers is { Action: OutlierAction.Drop };
        }

        foreach (var r in rules.Checks)
        {
            columns[r.ColumnIndex].Used = true;
        }

        foreach (var i in dedup?.KeyColumns ?? [])
        {
            columns[i].Used = true;
        }

        foreach (var (_, inputs) in crosses)
        {
            foreach (var i in inputs)
            {
                columns[i].Used = true;
            }
        }

        foreach (var name in splitInputs)
        {
            columns[indexByName[name]].Used = true;
        }
    }

    private static void CheckSpecAgrees(DatasetSpec spec, FitState fit, ColumnFit c)
    {
        if (spec.FindColumn(c.Name) is { Transform: { } t } && c.Transform is { } f && t.Kind != f.Kind)
        {
            throw new ArgumentException($"Fit {fit.Version} does not match the spec: column '{c.Name}' is {t.Kind} in the spec but {f.Kind} in the fit; refit.", nameof(fit));
        }
    }
}
