namespace ServerlessPrep.Core.Data;

/// <summary>One column as discovered in an input object.</summary>
/// <param name="Name">Column name (for nested fields, the dotted path of the top-level field).</param>
/// <param name="Kind">Logical kind the values are read as.</param>
/// <param name="IsNullable">Whether the source allows missing values.</param>
/// <param name="SourceType">The physical/logical type in the source, e.g. <c>INT96</c>, <c>DECIMAL(18,2)</c>, <c>csv:inferred</c>.</param>
public sealed record ColumnSchema(string Name, DataKind Kind, bool IsNullable = true, string? SourceType = null);
