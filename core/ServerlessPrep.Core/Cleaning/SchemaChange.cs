namespace ServerlessPrep.Core.Cleaning;

public enum SchemaChangeKind
{
    /// <summary>A fitted column is absent from the input: it is read as all-missing and imputed per the fit.</summary>
    Missing,

    /// <summary>An input column the fit does not know: ignored (not in the output).</summary>
    Added,

    /// <summary>A column's kind differs from the fitted schema's: coerced to the fitted kind.</summary>
    KindChanged,
}

/// <summary>A difference between an object's schema and the fitted one that the pipeline absorbs (recorded, not a failure).</summary>
public sealed record SchemaChange(string Column, SchemaChangeKind Kind, string Detail);
