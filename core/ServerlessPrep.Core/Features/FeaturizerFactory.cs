namespace ServerlessPrep.Core.Features;

using ServerlessPrep.Core.Specs;

/// <summary>Builds the apply half of a column's transform from its frozen fit.</summary>
internal static class FeaturizerFactory
{
    /// <summary>The featurizer of a column, or null for <see cref="TransformKind.Keep"/> and dropped columns.</summary>
    public static Featurizer? Create(ColumnFit column)
    {
        if (column.Drop || column.Transform is not { } t)
        {
            return null;
        }

        if (t.Kind is TransformKind.Hash or TransformKind.TextHash && t.Buckets < 1)
        {
            throw new ArgumentException($"Column '{column.Name}': {t.Kind} needs at least one bucket, the fit has {t.Buckets}.", nameof(column));
        }

        return t.Kind switch
        {
            TransformKind.Keep => null,
            TransformKind.Passthrough or TransformKind.Boolean => new PassthroughFeaturizer(column.Name, t.Kind),
            TransformKind.Standardize => new StandardizeFeaturizer(column.Name, t),
            TransformKind.MinMax => new MinMaxFeaturizer(column.Name, t),
            TransformKind.Log1p => new Log1pFeaturizer(column.Name),
            TransformKind.Bucketize => new BucketizeFeaturizer(column.Name, t),
            TransformKind.OneHot => new OneHotFeaturizer(column.Name, t),
            TransformKind.Ordinal => new OrdinalFeaturizer(column.Name, t),
            TransformKind.Hash => new HashFeaturizer(column.Name, t),
            TransformKind.TextHash => new TextHashFeaturizer(column.Name, t),
            TransformKind.DateParts => new DatePartsFeaturizer(column.Name, t, column.Kind),
            _ => throw new ArgumentOutOfRangeException(nameof(column), t.Kind, $"Column '{column.Name}': unknown transform."),
        };
    }

    public static CrossFeaturizer Create(CrossFit cross) => cross.Buckets >= 1
        ? new CrossFeaturizer(cross)
        : throw new ArgumentException($"Cross '{cross.Name}' needs at least one bucket, the fit has {cross.Buckets}.", nameof(cross));

    /// <summary>Whether a transform reads numbers (true) or text (false); Keep reads either.</summary>
    public static bool NeedsNumbers(TransformKind kind) => kind is TransformKind.Passthrough or TransformKind.Boolean
        or TransformKind.Standardize or TransformKind.MinMax or TransformKind.Log1p or TransformKind.Bucketize or TransformKind.DateParts;
}
