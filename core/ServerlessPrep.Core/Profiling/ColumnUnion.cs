namespace ServerlessPrep.Core.Profiling;

/// <summary>
/// Combines the profiles of one column name seen with possibly different kinds: widenable kinds merge; otherwise the
/// kind with more rows is kept (ties: the lower <see cref="Data.DataKind"/>, so the choice does not depend on merge order)
/// and the dropped one is reported.
/// </summary>
internal static class ColumnUnion
{
    public static ColumnProfile Combine(ColumnProfile left, ColumnProfile right, List<ColumnKindConflict> conflicts)
    {
        if (ColumnProfileAccumulator.CommonKind(left.Kind, right.Kind) is not null)
        {
            return left.Merge(right);
        }

        var keepLeft = left.RowCount > right.RowCount || (left.RowCount == right.RowCount && left.Kind < right.Kind);
        var (kept, dropped) = keepLeft ? (left, right) : (right, left);
        conflicts.Add(new ColumnKindConflict(kept.Name, kept.Kind, dropped.Kind, dropped.RowCount));
        return kept;
    }
}
