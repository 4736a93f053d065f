namespace ServerlessPrep.Core.Reading;

/// <summary>Values of one column that did not parse as its type, with the first few as examples.</summary>
public sealed class UnparsedValues
{
    internal List<UnparsedExample> ExampleList { get; } = [];

    public long Count { get; internal set; }

    public IReadOnlyList<UnparsedExample> Examples => ExampleList;
}
