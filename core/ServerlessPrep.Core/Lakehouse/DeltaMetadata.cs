namespace ServerlessPrep.Core.Lakehouse;

/// <summary>The parts of a <c>metaData</c> action that change how files are read.</summary>
/// <param name="ColumnMappingMode">Value of <c>delta.columnMapping.mode</c> (<c>none</c>, <c>name</c>, <c>id</c>), when set.</param>
internal sealed record DeltaMetadata(string? Id, IReadOnlyList<string> PartitionColumns, string? ColumnMappingMode);
