using System.Collections.Immutable;

namespace ServerlessPrep.Core.Cleaning;

/// <summary>
/// Where one output column comes from, for OpenLineage column lineage: its input columns and the transform chain, e.g.
/// <c>impute:median+outliers:clip+standardize</c>, <c>onehot</c>, <c>keep</c>, <c>is_missing</c>, <c>split:hash</c>.
/// </summary>
public sealed record ColumnLineage(string OutputColumn, ImmutableArray<string> InputColumns, string Transform);
