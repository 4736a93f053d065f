namespace ServerlessPrep.Core.Reading;

internal enum ParquetNestedStepKind
{
    Struct,
    List,
    Map,
    Leaf,
}

/// <summary>
/// One level on the path from a top-level nested field down to a leaf column, with the Dremel levels that matter:
/// the definition level at which the node is present (non-null), for lists and maps the level at which an element
/// exists, and the repetition level of those elements.
/// </summary>
/// <param name="SlotName">The name this node takes inside its parent object (struct member, <c>key</c> or <c>value</c>).</param>
internal sealed record ParquetNestedStep(ParquetNestedStepKind Kind, string SlotName, int PresentDefinition, int ElementDefinition, int Repetition);
