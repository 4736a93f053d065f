using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Profiling;

/// <summary>
/// Profiles one object batch by batch. Columns may appear or disappear between batches (a column's row count covers the
/// batches that had it); a column whose kind changes is widened when possible, else profiled per kind and reconciled by
/// <see cref="ToProfile"/> with the conflict reported. Not thread-safe; one profiler per object.
/// </summary>
public sealed class ObjectProfiler
{
    private readonly ProfilerOptions _options;
    private readonly List<ColumnProfileAccumulator> _accumulators = [];
    private readonly Dictionary<(string Name, DataKind Kind), ColumnProfileAccumulator> _byColumn = [];

    public ObjectProfiler(ProfilerOptions? options = null) => _options = (options ?? ProfilerOptions.Default).ThrowIfInvalid();

    public long RowCount { get; private set; }

    public int BatchCount { get; private set; }

    public void Add(RowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var column in batch.Columns)
        {
            if (!_byColumn.TryGetValue((column.Name, column.Kind), out var accumulator))
            {
                accumulator = new ColumnProfileAccumulator(column.Name, column.Kind, _options);
                _byColumn.Add((column.Name, column.Kind), accumulator);
                _accumulators.Add(accumulator);
            }

            accumulator.Add(column);
        }

        RowCount += batch.RowCount;
        BatchCount++;
    }

    /// <summary>The object's profile so far (an object count of 1); the profiler can keep adding batches afterwards.</summary>
    public DatasetProfile ToProfile()
    {
        var conflicts = new List<ColumnKindConflict>();
        var columns = new List<ColumnProfile>(_accumulators.Count);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var accumulator in _accumulators)
        {
            var profile = accumulator.Freeze();
            if (index.TryGetValue(profile.Name, out var i))
            {
                columns[i] = ColumnUnion.Combine(columns[i], profile, conflicts);
            }
            else
            {
                index[profile.Name] = columns.Count;
                columns.Add(profile);
            }
        }

        return new DatasetProfile(RowCount, 1, [.. columns], [.. conflicts]);
    }
}
