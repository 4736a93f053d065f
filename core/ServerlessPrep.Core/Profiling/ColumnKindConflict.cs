using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Profiling;

/// <summary>
/// A column seen with kinds that cannot be widened into one (e.g. text in one object, integers in another). The profile
/// keeps the kind with more rows; the other's rows are not in the column's statistics.
/// </summary>
public sealed record ColumnKindConflict(string Column, DataKind KeptKind, DataKind DroppedKind, long DroppedRows);
