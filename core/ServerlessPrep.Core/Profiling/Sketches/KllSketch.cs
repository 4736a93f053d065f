using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// KLL quantile sketch (Karnin, Lang, Liberty 2016; the lazy variant of Liberty's reference implementation) over doubles.
/// Level h holds items of weight 2^h; a full level is sorted and every other item (a seeded coin picks odd or even) is
/// promoted. Level 0 is an unsorted append buffer of at least min(k, 256) items, radix-sorted only when compacted. Memory is O(k); the normalized rank error at the default k is below 1 % (measured, see the tests).
/// Coin flips come from a seeded generator, and merging combines the two generators' states symmetrically, so results
/// are reproducible and <c>a.Merge(b)</c> answers exactly like <c>b.Merge(a)</c>.
/// </summary>
public sealed class KllSketch
{
    public const int DefaultK = 350;
    public const ulong DefaultSeed = 0x5EED_5EED_5EED_5EEDUL;
    private const double CapacityDecay = 2.0 / 3.0;
    private const int MinLevelCapacity = 8;
    private const int MaxLevels = 61;

    /// <summary>
    /// Level 0 (the unsorted update buffer) holds at least this many items, or k if smaller, before it is compacted:
    /// with the (2/3)^depth schedule alone it would shrink to 8 items and be sorted after every few updates. A larger
    /// level 0 only means fewer weight-1 compactions (less error) for ~250 more retained items; it is sorted with
    /// <see cref="DoubleRadixSort"/>.
    /// </summary>
    private const int Level0MinCapacity = 256;

    private double[][] _levels;
    private int[] _counts;
    private int[] _capacities;
    private int _levelCount;
    private int _size;
    private int _maxSize;
    private SplitMix64 _random;
    private SortedView? _view;

    /// <summary>Radix-sort keys for level-0 compactions (working memory only, never serialized).</summary>
    private ulong[]? _sortScratch;

    public KllSketch(int k = DefaultK, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, MinLevelCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 65_535);
        K = k;
        _random = new SplitMix64(seed);
        _levels = new double[MaxLevels][];
        _counts = new int[MaxLevels];
        _capacities = new int[MaxLevels];
        Min = double.NaN;
        Max = double.NaN;
        AddLevel();
    }

    public int K { get; }

    /// <summary>Values added (the sum of the retained items' weights).</summary>
    public long Count { get; private set; }

    public double Min { get; private set; }

    public double Max { get; private set; }

    public bool IsEmpty => Count == 0;

    /// <summary>Items currently retained (memory is about 8 bytes each).</summary>
    public int RetainedItems => _size;

    /// <summary>The single-sided normalized rank error bound to quote for this k at 99 % confidence (the DataSketches fit 2.296 / k^0.9723).</summary>
    public double NormalizedRankError => 2.296 / Math.Pow(K, 0.9723);

    /// <summary>Adds a value. NaN is ignored (callers count NaNs separately); infinities are ordinary values.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        AddUnchecked(value);
    }

    /// <summary>Adds every value of the span (NaN ignored).</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                foreach (var value in values)
                {
                    Add(value);
                }

                return;
            }
        }

        AddNonNaN(values);
    }

    /// <summary>Adds values known not to contain NaN, copying them into level 0 in blocks.</summary>
    internal void AddNonNaN(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        double min = Count == 0 ? values[0] : Min, max = Count == 0 ? values[0] : Max;
        foreach (var v in values)
        {
            min = v < min ? v : min;
            max = v > max ? v : max;
        }

        (Min, Max) = (min, max);
        Count += values.Length;
        _view = null;
        while (!values.IsEmpty)
        {
            var take = Math.Min(_maxSize - _size, values.Length);
            Append(0, values[..take]);
            values = values[take..];
            if (_size >= _maxSize)
            {
                Compress();
            }
        }
    }

    public void Merge(KllSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K)
        {
            throw new ArgumentException($"Cannot merge KLL sketches with different k ({K} and {other.K}).", nameof(other));
        }

        if (ReferenceEquals(this, other))
        {
            other = other.Clone();
        }

        _random = new SplitMix64(_random.State ^ other._random.State);
        if (other.Count == 0)
        {
            return;
        }

        while (_levelCount < other._levelCount)
        {
            AddLevel();
        }

        Append(0, other._levels[0].AsSpan(0, other._counts[0]));
        for (var h = 1; h < other._levelCount; h++)
        {
            MergeSorted(h, other._levels[h].AsSpan(0, other._counts[h]));
        }

        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Count == 0 ? other.Max : Math.Max(Max, other.Max);
        Count += other.Count;
        _view = null;
        while (_size >= _maxSize)
        {
            Compress();
        }
    }

    public KllSketch Clone()
    {
        var copy = new KllSketch(K);
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>The value whose normalized rank is <paramref name="rank"/> ∈ [0, 1] (0 → min, 1 → max); NaN when empty.</summary>
    public double Quantile(double rank)
    {
        if (double.IsNaN(rank) || rank < 0 || rank > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, "A rank must be in [0, 1].");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        if (rank == 0)
        {
            return Min;
        }

        if (rank == 1)
        {
            return Max;
        }

        return GetView().Quantile(rank * Count);
    }

    /// <summary>Estimated fraction of values ≤ <paramref name="value"/> (the empirical CDF); NaN when empty.</summary>
    public double Rank(double value)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        if (value >= Max)
        {
            return 1;
        }

        if (value < Min)
        {
            return 0;
        }

        return GetView().WeightAtMost(value) / (double)Count;
    }

    /// <summary>The retained items, sorted, with their cumulative weights (for CDF comparisons such as Kolmogorov–Smirnov).</summary>
    public (double[] Values, long[] CumulativeWeights) SortedItems()
    {
        var view = GetView();
        return (view.Values.ToArray(), view.Cumulative.ToArray());
    }

    internal void WriteTo(ProfileBinaryWriter writer)
    {
        var section = writer.BeginSection();
        writer.WriteInt32(K);
        writer.WriteUInt64(_random.State);
        writer.WriteInt64(Count);
        writer.WriteDouble(Min);
        writer.WriteDouble(Max);
        writer.WriteInt32(_levelCount);
        for (var h = 0; h < _levelCount; h++)
        {
            writer.WriteDoubles(_levels[h].AsSpan(0, _counts[h]));
        }

        writer.EndSection(section);
    }

    internal static KllSketch ReadFrom(ref ProfileBinaryReader reader)
    {
        var section = reader.ReadSection();
        var k = section.ReadInt32();
        if (k is < MinLevelCapacity or > 65_535)
        {
            throw new ProfileFormatException($"KLL k {k} is out of range.");
        }

        var sketch = new KllSketch(k, section.ReadUInt64())
        {
            Count = section.ReadInt64(),
            Min = section.ReadDouble(),
            Max = section.ReadDouble(),
        };
        var levels = section.ReadCount(MaxLevels);
        while (sketch._levelCount < levels)
        {
            sketch.AddLevel();
        }

        long weight = 0;
        for (var h = 0; h < levels; h++)
        {
            var items = section.ReadDoubles();
            if (h > 0)
            {
                Array.Sort(items);
            }

            sketch.Append(h, items);
            weight += (long)items.Length << h;
        }

        if (weight != sketch.Count)
        {
            throw new ProfileFormatException($"KLL sketch weights sum to {weight} but its count is {sketch.Count}.");
        }

        return sketch;
    }

    private void AddUnchecked(double value)
    {
        if (Count == 0)
        {
            Min = value;
            Max = value;
        }
        else if (value < Min)
        {
            Min = value;
        }
        else if (value > Max)
        {
            Max = value;
        }

        Count++;
        var level0 = _levels[0];
        if (_counts[0] == level0.Length)
        {
            Array.Resize(ref _levels[0], level0.Length * 2);
            level0 = _levels[0];
        }

        level0[_counts[0]++] = value;
        _size++;
        _view = null;
        if (_size >= _maxSize)
        {
            Compress();
        }
    }

    private void Compress()
    {
        for (var h = 0; h < _levelCount; h++)
        {
            if (_counts[h] >= _capacities[h])
            {
                if (h + 1 >= _levelCount)
                {
                    AddLevel();
                }

                CompactLevel(h);
                if (_size < _maxSize)
                {
                    return;
                }
            }
        }
    }

    private void CompactLevel(int h)
    {
        // Levels above 0 are kept sorted (promoted items are merged in), so only level 0 is ever sorted.
        var items = _levels[h].AsSpan(0, _counts[h]);
        if (h == 0)
        {
            if (_sortScratch is null || _sortScratch.Length < 2 * items.Length)
            {
                _sortScratch = new ulong[Math.Max(2 * items.Length, 4 * K)];
            }

            DoubleRadixSort.Sort(items, _sortScratch);
        }

        // An odd item out stays behind: the smallest, at index 0.
        var keep = items.Length & 1;
        var start = keep + (_random.NextBit() ? 1 : 0);
        var promoted = (items.Length - keep) / 2;
        var w = keep;
        for (var i = start; i < items.Length; i += 2)
        {
            items[w++] = items[i];
        }

        MergeSorted(h + 1, items.Slice(keep, promoted));
        _counts[h] = keep;
        _size -= items.Length - keep;
    }

    /// <summary>Merges sorted items into sorted level <paramref name="h"/> (h ≥ 1), back to front, in place.</summary>
    private void MergeSorted(int h, ReadOnlySpan<double> items)
    {
        var count = _counts[h];
        EnsureCapacity(h, count + items.Length);
        var level = _levels[h];
        int i = count - 1, j = items.Length - 1, k = count + items.Length - 1;
        while (j >= 0)
        {
            level[k--] = i >= 0 && level[i] > items[j] ? level[i--] : items[j--];
        }

        _counts[h] = count + items.Length;
        _size += items.Length;
    }

    private int Capacity(int h)
    {
        var depth = _levelCount - h - 1;
        var floor = h == 0 ? Math.Min(K, Level0MinCapacity) : MinLevelCapacity;
        return Math.Max(floor, (int)Math.Ceiling(K * Math.Pow(CapacityDecay, depth)));
    }

    private void AddLevel()
    {
        if (_levelCount == MaxLevels)
        {
            throw new InvalidOperationException("KLL sketch exceeded its maximum number of levels.");
        }

        _levels[_levelCount] = new double[_levelCount == 0 ? K : MinLevelCapacity];
        _levelCount++;
        _maxSize = 0;
        for (var h = 0; h < _levelCount; h++)
        {
            _capacities[h] = Capacity(h);
            _maxSize += _capacities[h];
        }
    }

    private void Append(int h, ReadOnlySpan<double> items)
    {
        EnsureCapacity(h, _counts[h] + items.Length);
        items.CopyTo(_levels[h].AsSpan(_counts[h]));
        _counts[h] += items.Length;
        _size += items.Length;
    }

    private void EnsureCapacity(int h, int needed)
    {
        if (_levels[h].Length < needed)
        {
            Array.Resize(ref _levels[h], Math.Max(needed, _levels[h].Length * 2));
        }
    }

    private void CopyFrom(KllSketch source)
    {
        while (_levelCount < source._levelCount)
        {
            AddLevel();
        }

        for (var h = 0; h < source._levelCount; h++)
        {
            Append(h, source._levels[h].AsSpan(0, source._counts[h]));
        }

        _random = source._random;
        Count = source.Count;
        Min = source.Min;
        Max = source.Max;
    }

    private SortedView GetView()
    {
        if (_view is not null)
        {
            return _view;
        }

        var values = new double[_size];
        var weights = new long[_size];
        var n = 0;
        for (var h = 0; h < _levelCount; h++)
        {
            var count = _counts[h];
            _levels[h].AsSpan(0, count).CopyTo(values.AsSpan(n));
            weights.AsSpan(n, count).Fill(1L << h);
            n += count;
        }

        Array.Sort(values, weights);
        for (var i = 1; i < weights.Length; i++)
        {
            weights[i] += weights[i - 1];
        }

        _view = new SortedView(values, weights);
        return _view;
    }

    private sealed class SortedView(double[] values, long[] cumulative)
    {
        public ReadOnlySpan<double> Values => values;

        public ReadOnlySpan<long> Cumulative => cumulative;

        public double Quantile(double targetWeight)
        {
            // The first item whose cumulative weight reaches the target (inclusive rank).
            int lo = 0, hi = cumulative.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (cumulative[mid] < targetWeight)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return values[lo];
        }

        public long WeightAtMost(double value)
        {
            int lo = 0, hi = values.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (values[mid] <= value)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo == 0 ? 0 : cumulative[lo - 1];
        }
    }
}
