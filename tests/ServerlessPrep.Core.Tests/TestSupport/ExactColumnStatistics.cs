using System.Globalization;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Profiling;

namespace ServerlessPrep.Core.Tests.TestSupport;

/// <summary>Exact statistics computed from arrays (quantiles by linear interpolation between order statistics, numpy's default).</summary>
internal sealed class ExactColumnStatistics : IColumnStatistics
{
    private readonly double[] _sorted;
    private readonly List<ItemCount> _top;

    private ExactColumnStatistics(string name, DataKind kind, long rows, long nulls, double[] numbers, IEnumerable<string> texts)
    {
        Name = name;
        Kind = kind;
        RowCount = rows;
        NullCount = nulls;
        _sorted = [.. numbers.Where(double.IsFinite).Order()];
        _top = [.. texts.GroupBy(t => t, StringComparer.Ordinal).Select(g => new ItemCount(g.Key, g.LongCount()))
            .OrderByDescending(i => i.Count).ThenBy(i => i.Value, StringComparer.Ordinal)];
        DistinctEstimate = _top.Count;
    }

    public string Name { get; }

    public DataKind Kind { get; }

    public long RowCount { get; }

    public long NullCount { get; }

    public double? Min => _sorted.Length == 0 ? null : _sorted[0];

    public double? Max => _sorted.Length == 0 ? null : _sorted[^1];

    public double? Mean => _sorted.Length == 0 ? null : _sorted.Average();

    public double? Variance
    {
        get
        {
            if (_sorted.Length < 2)
            {
                return null;
            }

            var mean = _sorted.Average();
            return _sorted.Sum(x => (x - mean) * (x - mean)) / (_sorted.Length - 1);
        }
    }

    public double DistinctEstimate { get; }

    public static ExactColumnStatistics Numbers(string name, params double?[] values) =>
        new(name, DataKind.Double, values.Length, values.Count(v => v is null), [.. values.Where(v => v is not null).Select(v => v!.Value)],
            values.Where(v => v is not null).Select(v => v!.Value.ToString("R", CultureInfo.InvariantCulture)));

    public static ExactColumnStatistics Texts(string name, params string?[] values) =>
        new(name, DataKind.String, values.Length, values.Count(v => v is null), [], values.Where(v => v is not null)!);

    public static ExactColumnStatistics Times(string name, params DateTime?[] values) =>
        new(name, DataKind.Timestamp, values.Length, values.Count(v => v is null), [.. values.Where(v => v is not null).Select(v => (double)TimeUnits.FromDateTime(v!.Value))], []);

    public double? Quantile(double q)
    {
        if (_sorted.Length == 0)
        {
            return null;
        }

        var position = q * (_sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, _sorted.Length - 1);
        return _sorted[lo] + (position - lo) * (_sorted[hi] - _sorted[lo]);
    }

    public IReadOnlyList<ItemCount> TopValues(int k) => [.. _top.Take(k)];
}
