namespace ServerlessPrep.Core.Splitting;

using ServerlessPrep.Core.Cleaning;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

/// <summary>
/// Assigns each row of a batch to train/validation/test, as a pure function of the row's values (coerced and trimmed, before
/// imputation): hash of the group column (one column: its canonical bytes + salt), or of all columns framed (row content);
/// or, for <see cref="SplitMethod.Time"/>, the event time against the cutoffs (missing event time → test, so it never leaks into training).
/// </summary>
internal sealed class SplitAssigner
{
    private readonly SplitSpec _spec;
    private readonly int[] _groupColumns;
    private readonly int _timeColumn;
    private readonly HashSplitter _hash;
    private readonly KeyHasher _hasher;
    private readonly long _validationFrom;
    private readonly long _testFrom;

    /// <param name="groupColumns">One group column, or every column for row content.</param>
    /// <param name="timeColumn">Event-time working column for time splits, else −1.</param>
    public SplitAssigner(SplitSpec spec, int[] groupColumns, int timeColumn)
    {
        _spec = spec;
        _groupColumns = groupColumns;
        _timeColumn = timeColumn;
        _hash = new HashSplitter(spec);
        _hasher = new KeyHasher(spec.Salt);
        _validationFrom = spec.ValidationFrom is { } v ? TimeUnits.FromDateTimeOffset(v) : long.MaxValue;
        _testFrom = spec.TestFrom is { } t ? TimeUnits.FromDateTimeOffset(t) : long.MaxValue;
    }

    public void Assign(WorkingColumn[] columns, int n, string?[] labels)
    {
        if (_spec.Method == SplitMethod.Time)
        {
            var time = columns[_timeColumn];
            var micros = ((Int64Column)time.Coerced).Values;
            for (var i = 0; i < n; i++)
            {
                labels[i] = time.Nulls[i] ? SplitNames.Test
                    : micros[i] < Math.Min(_validationFrom, _testFrom) ? SplitNames.Train
                    : micros[i] < _testFrom ? SplitNames.Validation
                    : SplitNames.Test;
            }

            return;
        }

        for (var i = 0; i < n; i++)
        {
            var hash = _groupColumns.Length == 1
                ? _hasher.Hash(columns[_groupColumns[0]], i)
                : _hasher.Hash(columns, _groupColumns, i);
            labels[i] = _hash.ForHash(hash);
        }
    }
}
