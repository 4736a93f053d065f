using System.Collections.Immutable;

namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Specs;
using ServerlessPrep.Core.Splitting;

/// <summary>
/// The output schema and column lineage, from the plan alone. Order: for each fitted column in fit order, its Keep column or
/// its feature columns, then its <c>__is_missing</c> indicator; then crosses; then <c>split</c>. Apply emits exactly this.
/// </summary>
internal static class OutputPlanner
{
    public const string MissingSuffix = "__is_missing";

    public static (BatchSchema Schema, ImmutableArray<ColumnLineage> Lineage) Plan(
        ColumnPlan[] columns, (CrossFeaturizer Featurizer, int[] Inputs)[] crosses, DatasetSpec spec, ImmutableArray<string> splitInputs)
    {
        var schema = new List<ColumnSchema>();
        var lineage = ImmutableArray.CreateBuilder<ColumnLineage>();
        var errors = new List<SpecError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name, DataKind kind, bool nullable, ImmutableArray<string> inputs, string transform)
        {
            if (!names.Add(name))
            {
                errors.Add(new SpecError("spec", 0, 0, $"Output column '{name}' would be produced twice; rename or drop one of its sources."));
                return;
            }

            schema.Add(new ColumnSchema(name, kind, nullable));
            lineage.Add(new ColumnLineage(name, inputs, transform));
        }

        foreach (var p in columns)
        {
            if (p.Fit.Drop)
            {
                continue;
            }

            ImmutableArray<string> input = [p.Name];
            if (p.Featurizer is { } f)
            {
                if (p.KeepRaw)
                {
                    Add(p.Name, p.Fit.Kind, true, input, Chain(p.Fit, "keep"));
                }

                var filled = p.Fit.Impute is { } i && (i.Number is not null || i.Text is not null);
                foreach (var name in f.OutputNames)
                {
                    Add(name, DataKind.Double, f.PropagatesNulls && !filled, input, Chain(p.Fit, f.Transform));
                }
            }
            else
            {
                Add(p.Name, p.Fit.Kind, true, input, Chain(p.Fit, "keep"));
            }

            if (p.Indicator)
            {
                Add(p.Name + MissingSuffix, DataKind.Double, false, input, "is_missing");
            }
        }

        foreach (var (x, _) in crosses)
        {
            foreach (var name in x.OutputNames)
            {
                Add(name, DataKind.Double, false, [.. x.Inputs], x.Transform);
            }
        }

        Add(SplitNames.Column, DataKind.String, false, splitInputs, spec.Split.Method == SplitMethod.Time ? "split:time" : "split:hash");
        if (errors.Count > 0)
        {
            throw new SpecException(errors);
        }

        return (new BatchSchema(schema), lineage.ToImmutable());
    }

    private static string Chain(ColumnFit fit, string transform)
    {
        var steps = new List<string>(4);
        if (fit.Kind != fit.SourceKind)
        {
            steps.Add("coerce:" + fit.Kind.ToString().ToLowerInvariant());
        }

        if (transform != "keep" && fit.Impute is { Strategy: not ImputeStrategy.None } i)
        {
            steps.Add("impute:" + i.Strategy.ToString().ToLowerInvariant());
        }

        if (transform != "keep" && fit.Outliers is { } o)
        {
            steps.Add("outliers:" + o.Action.ToString().ToLowerInvariant());
        }

        steps.Add(transform);
        return string.Join('+', steps);
    }
}
