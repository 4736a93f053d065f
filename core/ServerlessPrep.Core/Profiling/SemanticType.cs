namespace ServerlessPrep.Core.Profiling;

/// <summary>What the values of a text column look like, inferred from a bounded sample.</summary>
public enum SemanticType
{
    /// <summary>Not text, or no non-null values to judge.</summary>
    Unknown,
    Email,
    Url,
    Phone,

    /// <summary>Dates or timestamps written as text.</summary>
    DateInText,

    /// <summary>Numbers written as text.</summary>
    NumericInText,

    /// <summary>Few distinct values relative to the rows: a category.</summary>
    Categorical,
    FreeText,
}
