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

    /// <summary>Whether a transform reads numbers (true) or text (false); Keep reads either.</summary>
    public static bool NeedsNumbers(TransformKind kind) => kind is TransformKind.Passthrough or TransformKind.Boolean
        or TransformKind.Standardize or TransformKind.MinMax or TransformKind.Log1p or TransformKind.Bucketize or TransformKind.DateParts;
}
