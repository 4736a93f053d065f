namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Splitting;

/// <summary>The per-batch stages after rules and dedup, column at a time over arrays allocated once per batch.</summary>
internal static class BatchStages
{
    /// <summary>Fills missing values (not of Keep columns, which stay as-is); returns the pre-fill missing masks of indicator columns.</summary>
    public static bool[]?[] Impute(ColumnPlan[] plans, WorkingColumn[] work, bool[] removed, QualityCounters counters)
    {
        var indicators = new bool[]?[plans.Length];
        for (var p = 0; p < plans.Length; p++)
        {
            var plan = plans[p];
            if (plan.Fit.Impute is not { } fit)
            {
                continue;
            }

            if (plan.Indicator)
            {
                indicators[p] = (bool[])work[p].Nulls.Clone();
            }

            if (!plan.Keep)
            {
                counters.AddImputed(plan.Name, Imputer.Apply(work[p], fit, removed));
            }
        }

        return indicators;
    }

    /// <summary>Applies outlier fences; returns how many rows were newly dropped.</summary>
    public static int Outliers(ColumnPlan[] plans, WorkingColumn[] work, bool[] removed, QualityCounters counters)
    {
        var dropped = 0;
        for (var p = 0; p < plans.Length; p++)
        {
            if (plans[p].Fit.Outliers is { } fit)
            {
                var count = OutlierHandler.Apply(work[p], fit, removed);
                counters.AddOutliers(plans[p].Name, count);
                dropped += fit.Action == Specs.OutlierAction.Drop ? (int)count : 0;
            }
        }

        return dropped;
    }

    /// <summary>Featurizes and builds the output batch in <see cref="PipelinePlan.Output"/> order, keeping rows not removed.</summary>
    public static RowBatch Assemble(PipelinePlan plan, WorkingColumn[] work, bool[]?[] indicators, string[] labels, bool[] removed, long firstOutputRow)
    {
        var n = removed.Length;
        var kept = n - removed.AsSpan().Count(true);
        var columns = new List<Column>(plan.Output.Count);
        for (var p = 0; p < plan.Columns.Length; p++)
        {
            var c = plan.Columns[p];
            if (c.Fit.Drop)
            {
                continue;
            }

            if (c.Featurizer is { } f)
            {
                var nulls = f.PropagatesNulls && work[p].HasNulls ? (bool[])work[p].Nulls.Clone() : null;
                Featurize(f, [work[p]], nulls, removed, kept, columns);
            }
            else
            {
                columns.Add(work[p].Texts is { } texts && work[p].IsText
                    ? new StringColumn(c.Name, Compacted((string?[])texts.Clone(), removed, kept), kept, work[p].Kind)
                    : OutputColumnBuilder.Filter(work[p].Coerced, removed, kept));
            }

            if (indicators[p] is { } missing)
            {
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    values[i] = missing[i] ? 1.0 : 0.0;
                }

                columns.Add(new DoubleColumn(c.Name + OutputPlanner.MissingSuffix, Compacted(values, removed, kept), null, kept));
            }
        }

        foreach (var (x, inputs) in plan.Crosses)
        {
            Featurize(x, [.. inputs.Select(i => work[i])], null, removed, kept, columns);
        }

        columns.Add(new StringColumn(SplitNames.Column, Compacted(labels, removed, kept), kept));
        return new RowBatch(plan.Output, columns, kept, firstOutputRow);
    }

    private static void Featurize(Features.Featurizer f, WorkingColumn[] inputs, bool[]? nulls, bool[] removed, int kept, List<Column> columns)
    {
        var n = removed.Length;
        var outputs = new double[f.OutputNames.Count][];
        for (var k = 0; k < outputs.Length; k++)
        {
            outputs[k] = new double[n];
        }

        f.Apply(inputs, outputs, n);
        nulls = nulls is null ? null : Compacted(nulls, removed, kept);
        for (var k = 0; k < outputs.Length; k++)
        {
            columns.Add(new DoubleColumn(f.OutputNames[k], Compacted(outputs[k], removed, kept), nulls, kept));
        }
    }

    private static T[] Compacted<T>(T[] values, bool[] removed, int kept)
    {
        if (kept != removed.Length)
        {
            OutputColumnBuilder.Compact(values, removed);
        }

        return values;
    }
}
