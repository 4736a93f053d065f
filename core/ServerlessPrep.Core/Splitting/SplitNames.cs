namespace ServerlessPrep.Core.Splitting;

/// <summary>The values of the output <c>split</c> column.</summary>
public static class SplitNames
{
    public const string Column = "split";
    public const string Train = "train";
    public const string Validation = "validation";
    public const string Test = "test";
}
