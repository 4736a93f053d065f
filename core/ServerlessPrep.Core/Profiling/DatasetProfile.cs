using System.Collections.Immutable;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Profiling;

/// <summary>
/// The profile of an object, a partition or a whole dataset. Merge folds in another profile without the data: columns are
/// unioned by name (this profile's order first, then the other's new columns), kinds that cannot be widened are reported
/// in <see cref="Conflicts"/> instead of failing. A column's <see cref="ColumnProfile.RowCount"/> counts only the rows
/// of objects in which it was present.
/// </summary>
public sealed record DatasetProfile
{
    public DatasetProfile(long rowCount, int objectCount, ImmutableArray<ColumnProfile> columns, ImmutableArray<ColumnKindConflict> conflicts = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(objectCount);
        RowCount = rowCount;
        ObjectCount = objectCount;
        Columns = columns.IsDefault ? [] : columns;
        Conflicts = conflicts.IsDefault ? [] : conflicts;
    }

    public static DatasetProfile Empty { get; } = new(0, 0, []);

    public long RowCount { get; }

    /// <summary>Objects (or partitions) merged into this profile.</summary>
    public int ObjectCount { get; }

    public ImmutableArray<ColumnProfile> Columns { get; }

    public ImmutableArray<ColumnKindConflict> Conflicts { get; }

    /// <summary>Column names and kinds, in profile order.</summary>
    public BatchSchema Schema => new(Columns.Select(c => new ColumnSchema(c.Name, c.Kind)));

    public ColumnProfile? Find(string name)
    {
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    public DatasetProfile Merge(DatasetProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var conflicts = new List<ColumnKindConflict>(Conflicts);
        conflicts.AddRange(other.Conflicts);
        var columns = new List<ColumnProfile>(Columns.Length + other.Columns.Length);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in Columns)
        {
            index[column.Name] = columns.Count;
            columns.Add(column);
        }

        foreach (var column in other.Columns)
        {
            if (index.TryGetValue(column.Name, out var i))
            {
                columns[i] = ColumnUnion.Combine(columns[i], column, conflicts);
            }
            else
            {
                index[column.Name] = columns.Count;
                columns.Add(column);
            }
        }

        return new DatasetProfile(RowCount + other.RowCount, ObjectCount + other.ObjectCount, [.. columns], [.. conflicts]);
    }
}
