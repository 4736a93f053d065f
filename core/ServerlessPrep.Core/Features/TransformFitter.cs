namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Fits every cleaning and feature parameter of a dataset from column statistics (an object's own profile, or a merged dataset
/// profile) into a frozen <see cref="FitState"/>. Pure: no I/O, no clock unless one is passed.
/// </summary>
public static class TransformFitter
{
    /// <param name="spec">The dataset spec; unlisted schema columns get <see cref="DefaultSpecInference"/>'s default when <see cref="DatasetSpec.InferUnlistedColumns"/>, else are dropped.</param>
    /// <param name="schema">The schema the statistics describe.</param>
    /// <param name="stats">Statistics by column name; a missing entry fits neutral parameters (mean 0, σ 1, empty vocabulary, no fences).</param>
    /// <param name="source"><see cref="FitState.SourceObject"/> or <see cref="FitState.SourceDataset"/>.</param>
    /// <param name="profileReference">Where the statistics came from, recorded in the state (not part of its version).</param>
    /// <param name="timeProvider">Clock for <see cref="FitState.FittedAt"/>; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="SpecException">The spec asks for something the columns cannot do (all problems reported together).</exception>
    /// <exception cref="SchemaMismatchException">A column listed in the spec is absent, or cannot be coerced to its spec type.</exception>
    public static FitState Fit(
        DatasetSpec spec,
        BatchSchema schema,
        IReadOnlyDictionary<string, IColumnStatistics> stats,
        string source,
        string? profileReference = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(stats);
        if (source is not (FitState.SourceObject or FitState.SourceDataset))
        {
            throw new ArgumentException($"Source must be '{FitState.SourceObject}' or '{FitState.SourceDataset}', not '{source}'.", nameof(source));
        }

        foreach (var listed in spec.Columns)
        {
            if (schema.Find(listed.Name) is null)
            {
                throw new SchemaMismatchException(listed.Name, $"a column (spec line {listed.Line})", "no such column in the schema", schema.Fingerprint);
            }
        }

        var errors = new List<SpecError>();
        var columns = new List<ColumnFit>(schema.Count);
        foreach (var column in schema.Columns)
        {
            var fit = FitColumn(spec, column, stats.TryGetValue(column.Name, out var s) ? s : null, errors);
            if (fit is not null)
            {
                columns.Add(fit);
            }
        }

        var crosses = new List<CrossFit>();
        foreach (var cross in spec.Crosses)
        {
            foreach (var name in cross.Columns)
            {
                if (schema.Find(name) is null)
                {
                    errors.Add(new SpecError("spec", 0, 0, $"Cross '{string.Join(",", cross.Columns)}': no column '{name}'."));
                }
            }

            crosses.Add(new CrossFit(cross.Columns, Math.Max(1, cross.Buckets)));
        }

        if (errors.Count > 0)
        {
            throw new SpecException(errors);
        }

        var fittedAt = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return new FitState(spec.Name, source, columns, crosses, fittedAt, profileReference);
    }

    private static ColumnFit? FitColumn(DatasetSpec spec, ColumnSchema column, IColumnStatistics? stats, List<SpecError> errors)
    {
        var isRole = column.Name == spec.EntityColumn || column.Name == spec.EventTimeColumn || spec.LabelColumns.Contains(column.Name);
        var inferred = DefaultSpecInference.InferColumn(column, stats, isRole);
        var listed = spec.FindColumn(column.Name);
        var effective = listed is null
            ? (spec.InferUnlistedColumns ? inferred : inferred with { Drop = true })
            : listed with { Transform = listed.Transform ?? inferred.Transform };
        var kind = effective.Type ?? column.Kind;
        if (!Coercion.CanCoerce(column.Kind, kind))
        {
            throw new SchemaMismatchException(column.Name, kind.ToString(), column.Kind.ToString(), "the spec type cannot be coerced from the schema's type");
        }

        var line = effective.Line;
        var numeric = kind is DataKind.Int64 or DataKind.Double or DataKind.Boolean or DataKind.Timestamp or DataKind.Date;
        var transformKind = effective.Drop ? (TransformKind?)null : effective.Transform?.Kind ?? TransformKind.Keep;
        if (transformKind is { } tk && FeaturizerFactory.NeedsNumbers(tk) && !numeric)
        {
            errors.Add(new SpecError("spec", line, 0, $"Column '{column.Name}': transform {tk} needs a numeric, boolean or time column, not {kind} (set a type to coerce it)."));
            return null;
        }

        if (transformKind == TransformKind.DateParts && kind is not (DataKind.Timestamp or DataKind.Date))
        {
            errors.Add(new SpecError("spec", line, 0, $"Column '{column.Name}': DateParts needs a Timestamp or Date column, not {kind}."));
            return null;
        }

        if (effective.Outliers is not null && kind is not (DataKind.Int64 or DataKind.Double))
        {
            errors.Add(new SpecError("spec", line, 0, $"Column '{column.Name}': outlier handling needs an Int64 or Double column, not {kind}."));
            return null;
        }

        ImputeFit? impute;
        try
        {
            impute = Imputer.Fit(effective.Impute, kind, stats);
        }
        catch (ArgumentException e)
        {
            errors.Add(new SpecError("spec", line, 0, $"Column '{column.Name}': {e.Message}"));
            return null;
        }

        return new ColumnFit
        {
            Name = column.Name,
            Kind = kind,
            SourceKind = column.Kind,
            Drop = effective.Drop,
            Trim = effective.Trim,
            Case = effective.Case,
            Impute = impute,
            Outliers = OutlierHandler.Fit(effective.Outliers, stats),
            Transform = transformKind is { } k ? FitTransform(k, effective.Transform, stats) : null,
        };
    }

    private static TransformFit FitTransform(TransformKind kind, TransformSpec? spec, IColumnStatistics? stats)
    {
        spec ??= new TransformSpec { Kind = kind };
        return kind switch
        {
            TransformKind.Standardize => StandardizeFeaturizer.Fit(stats),
            TransformKind.MinMax => MinMaxFeaturizer.Fit(stats),
            TransformKind.Log1p => Log1pFeaturizer.Fit(),
            TransformKind.Bucketize => BucketizeFeaturizer.Fit(stats, Math.Max(2, spec.Bins)),
            TransformKind.OneHot => OneHotFeaturizer.Fit(stats, spec.TopK),
            TransformKind.Ordinal => OrdinalFeaturizer.Fit(stats, spec.TopK),
            TransformKind.Hash => HashFeaturizer.Fit(spec.Buckets),
            TransformKind.TextHash => TextHashFeaturizer.Fit(spec.Buckets),
            TransformKind.DateParts => DatePartsFeaturizer.Fit(spec.Cyclical),
            _ => PassthroughFeaturizer.Fit(kind),
        };
    }
}
