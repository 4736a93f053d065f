namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Features;
using ServerlessPrep.Core.Splitting;

/// <summary>
/// The per-batch stages after rules, dedup and split assignment, column at a time over arrays rented from the pipeline's
/// <see cref="BatchBuffers"/> (rented arrays may be longer than the batch: only the first n elements are used).
/// </summary>
internal sealed class BatchStages(BatchBuffers buffers, int n)
{
    /// <summary>Fills missing values (not of Keep columns, which stay as-is); returns the pre-fill missing masks of indicator columns.</summary>
    public bool[]?[] Impute(ColumnPlan[] plans, WorkingColumn[] work, bool[] removed, QualityCounters counters)
    {
        var indicators = new bool[]?[plans.Length];
        for (var p = 0; p < plans.Length; p++)
        {
            var plan = plans[p];
            if (!plan.Used || plan.Fit.Impute is not { } fit)
            {
                continue;
            }

            if (plan.Indicator)
            {
                indicators[p] = Copy(work[p].Nulls);
            }

            if (!plan.Keep)
            {
                counters.AddImputed(plan.Name, Imputer.Apply(work[p], fit, removed.AsSpan(0, n)));
            }
        }

        return indicators;
    }

    /// <summary>Applies outlier fences; returns how many rows were newly dropped.</summary>
    public int Outliers(ColumnPlan[] plans, WorkingColumn[] work, bool[] removed, QualityCounters counters)
    {
        var dropped = 0;
        for (var p = 0; p < plans.Length; p++)
        {
            if (plans[p].Used && plans[p].Fit.Outliers is { } fit)
            {
                var count = OutlierHandler.Apply(work[p], fit, removed.AsSpan(0, n));
                counters.AddOutliers(plans[p].Name, count);
                dropped += fit.Action == Specs.OutlierAction.Drop ? (int)count : 0;
            }
        }

        return dropped;
    }

    /// <summary>Featurizes and builds the output batch in <see cref="PipelinePlan.Output"/> order, keeping rows not removed.</summary>
    public RowBatch Assemble(PipelinePlan plan, WorkingColumn[] work, bool[]?[] indicators, string?[] labels, bool[] removed, long firstOutputRow)
    {
        var keep = removed.AsSpan(0, n);
        var kept = n - keep.Count(true);
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
                if (c.KeepRaw)
                {
                    columns.Add(KeepColumn(work[p], removed, kept));
                }

                var nulls = f.PropagatesNulls && work[p].HasNulls ? Copy(work[p].Nulls) : null;
                Featurize(f, [work[p]], nulls, removed, kept, columns);
            }
            else
            {
                columns.Add(KeepColumn(work[p], removed, kept));
            }

            if (indicators[p] is { } missing)
            {
                var values = buffers.Doubles(n, clear: false);
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

    private void Featurize(Featurizer f, WorkingColumn[] inputs, bool[]? nulls, bool[] removed, int kept, List<Column> columns)
    {
        var outputs = new double[f.OutputNames.Count][];
        for (var k = 0; k < outputs.Length; k++)
        {
            outputs[k] = buffers.Doubles(n, f.NeedsZeroedOutputs);
        }

        f.Apply(inputs, outputs, n);
        nulls = nulls is null ? null : Compacted(nulls, removed, kept);
        for (var k = 0; k < outputs.Length; k++)
        {
            columns.Add(new DoubleColumn(f.OutputNames[k], Compacted(outputs[k], removed, kept), nulls, kept));
        }
    }

    /// <summary>The column as coerced (text trimmed/cased, not imputed), rows not removed, in rented buffers.</summary>
    private Column KeepColumn(WorkingColumn work, bool[] removed, int kept)
    {
        if (work.IsText)
        {
            var texts = buffers.Strings(n);
            Array.Copy(work.Texts!, texts, n);
            return new StringColumn(work.Name, Compacted(texts, removed, kept), kept, work.Kind);
        }

        var nulls = work.HasNulls ? Compacted(Copy(work.Nulls), removed, kept) : null;
        switch (work.Coerced)
        {
            case Int64Column l:
                {
                    var values = buffers.Longs(n);
                    l.Values.CopyTo(values);
                    return new Int64Column(work.Name, Compacted(values, removed, kept), nulls, kept, l.Kind);
                }

            case BooleanColumn b:
                {
                    var values = buffers.Bools(n, clear: false);
                    b.Values.CopyTo(values);
                    return new BooleanColumn(work.Name, Compacted(values, removed, kept), nulls, kept);
                }

            default:
                {
                    var values = buffers.Doubles(n, clear: false);
                    ((DoubleColumn)work.Coerced).Values.CopyTo(values);
                    return new DoubleColumn(work.Name, Compacted(values, removed, kept), nulls, kept);
                }
        }
    }

    private bool[] Copy(bool[] source)
    {
        var copy = buffers.Bools(n, clear: false);
        Array.Copy(source, copy, n);
        return copy;
    }

    private T[] Compacted<T>(T[] values, bool[] removed, int kept)
    {
        if (kept != n)
        {
            OutputColumnBuilder.Compact(values, removed.AsSpan(0, n));
        }

        return values;
    }
}
