using System.Globalization;
using ServerlessPrep.Core.Profiling.Serialization;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// Frequent items (Misra–Gries with the batched purge of the DataSketches frequent-items sketch): at most
/// <see cref="MaxTracked"/> counters keyed by the value's 64-bit hash. When full, the median counter is subtracted from
/// all and the non-positive ones dropped. Every reported count is a lower bound, and the true count is at most the
/// reported count plus <see cref="MaximumError"/> (the total subtracted), which never exceeds N / (MaxTracked / 2).
/// With fewer distinct values than <see cref="MaxTracked"/> the counts are exact. Counters are found through an
/// open-addressing table of slot numbers (linear probing, load ≤ 1/2), rebuilt on each purge.
/// </summary>
public sealed class FrequentItemsSketch
{
    public const int DefaultMaxTracked = 256;

    /// <summary>Slot number + 1 per cell, 0 = empty; the cell of a hash is found by linear probing from its low bits.</summary>
    private readonly int[] _table;
    private readonly int _mask;
    private ulong[] _hashes;
    private string?[] _texts;
    private long[] _numbers;
    private long[] _counts;
    private int _used;

    public FrequentItemsSketch(int maxTracked = DefaultMaxTracked)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTracked, 4);
        MaxTracked = maxTracked;
        var size = 16;
        while (size < 2 * (maxTracked + 1))
        {
            size <<= 1;
        }

        _table = new int[size];
        _mask = size - 1;
        _hashes = new ulong[maxTracked + 1];
        _texts = new string?[maxTracked + 1];
        _numbers = new long[maxTracked + 1];
        _counts = new long[maxTracked + 1];
    }

    public int MaxTracked { get; }

    /// <summary>Values counted (the stream length N).</summary>
    public long TotalCount { get; private set; }

    /// <summary>Upper bound on how much any reported count underestimates the true count (0 while exact).</summary>
    public long MaximumError { get; private set; }

    public int TrackedCount => _used;

    /// <summary>Counts a string; <paramref name="hash"/> must be <c>ValueHash.OfString(value)</c> (callers hash once for all sketches).</summary>
    public void AddString(string value, ulong hash, long count = 1)
    {
        ref var cell = ref Cell(hash);
        if (cell != 0)
        {
            _counts[cell - 1] += count;
        }
        else
        {
            cell = Insert(hash, value, 0, count) + 1;
        }

        AfterAdd(count);
    }

    public void AddString(string value) => AddString(value, ValueHash.OfString(value));

    /// <summary>Counts an integer (kept as a number; rendered invariantly only when reported).</summary>
    public void AddInt64(long value, long count = 1) => AddInt64(value, ValueHash.OfInt64(value), count);

    /// <summary>Counts an integer whose <c>ValueHash.OfInt64</c> the caller has already computed.</summary>
    internal void AddInt64(long value, ulong hash, long count = 1)
    {
        ref var cell = ref Cell(hash);
        if (cell != 0)
        {
            _counts[cell - 1] += count;
        }
        else
        {
            cell = Insert(hash, null, value, count) + 1;
        }

        AfterAdd(count);
    }

    public void Merge(FrequentItemsSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var items = other.Snapshot();

        // A fixed order (by hash) keeps the merged result reproducible.
        Array.Sort(items, static (a, b) => a.Hash.CompareTo(b.Hash));
        var totalBefore = TotalCount;
        foreach (var item in items)
        {
            if (item.Text is null)
            {
                AddInt64(item.Number, item.Count);
            }
            else
            {
                AddString(item.Text, item.Hash, item.Count);
            }
        }

        // The other's stream had values its counters no longer show: keep N and the error bound honest.
        TotalCount = totalBefore + other.TotalCount;
        MaximumError += other.MaximumError;
    }

    public FrequentItemsSketch Clone()
    {
        var copy = new FrequentItemsSketch(MaxTracked);
        copy.Merge(this);
        return copy;
    }

    /// <summary>The most frequent values, most frequent first, ties by ordinal value; at most <paramref name="k"/>.</summary>
    public IReadOnlyList<ItemCount> Top(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var items = new ItemCount[_used];
        for (var i = 0; i < _used; i++)
        {
            items[i] = new ItemCount(Render(i), _counts[i]);
        }

        Array.Sort(items, static (a, b) =>
        {
            var byCount = b.Count.CompareTo(a.Count);
            return byCount != 0 ? byCount : string.CompareOrdinal(a.Value, b.Value);
        });
        return items.Length <= k ? items : items[..k];
    }

    internal void WriteTo(ProfileBinaryWriter writer)
    {
        var section = writer.BeginSection();
        writer.WriteInt32(MaxTracked);
        writer.WriteInt64(TotalCount);
        writer.WriteInt64(MaximumError);
        var items = Snapshot();
        Array.Sort(items, static (a, b) => a.Hash.CompareTo(b.Hash));
        writer.WriteInt32(items.Length);
        foreach (var item in items)
        {
            writer.WriteUInt64(item.Hash);
            writer.WriteInt64(item.Count);
            writer.WriteBoolean(item.Text is not null);
            if (item.Text is null)
            {
                writer.WriteInt64(item.Number);
            }
            else
            {
                writer.WriteString(item.Text);
            }
        }

        writer.EndSection(section);
    }

    internal static FrequentItemsSketch ReadFrom(ref ProfileBinaryReader reader)
    {
        var section = reader.ReadSection();
        var sketch = new FrequentItemsSketch(section.ReadCount(1 << 20));
        var total = section.ReadInt64();
        var error = section.ReadInt64();
        var count = section.ReadCount(sketch.MaxTracked);
        for (var i = 0; i < count; i++)
        {
            var hash = section.ReadUInt64();
            var itemCount = section.ReadInt64();
            var text = section.ReadBoolean() ? section.ReadString() : null;
            var number = text is null ? section.ReadInt64() : 0;
            ref var cell = ref sketch.Cell(hash);
            if (cell != 0)
            {
                throw new ProfileFormatException("Frequent-items sketch repeats an item.");
            }

            cell = sketch.Insert(hash, text, number, itemCount) + 1;
        }

        sketch.TotalCount = total;
        sketch.MaximumError = error;
        return sketch;
    }

    /// <summary>The table cell holding <paramref name="hash"/>'s slot + 1, or the empty cell where it belongs.</summary>
    private ref int Cell(ulong hash)
    {
        var table = _table;
        var i = (int)hash & _mask;
        while (true)
        {
            ref var cell = ref table[i];
            if (cell == 0 || _hashes[cell - 1] == hash)
            {
                return ref cell;
            }

            i = (i + 1) & _mask;
        }
    }

    private int Insert(ulong hash, string? text, long number, long count)
    {
        var slot = _used++;
        _hashes[slot] = hash;
        _texts[slot] = text;
        _numbers[slot] = number;
        _counts[slot] = count;
        return slot;
    }

    private void AfterAdd(long count)
    {
        TotalCount += count;
        if (_used > MaxTracked)
        {
            Purge();
        }
    }

    private void Purge()
    {
        var median = Median(_counts.AsSpan(0, _used));
        Array.Clear(_table);
        var kept = 0;
        for (var i = 0; i < _used; i++)
        {
            var c = _counts[i] - median;
            if (c > 0)
            {
                _hashes[kept] = _hashes[i];
                _texts[kept] = _texts[i];
                _numbers[kept] = _numbers[i];
                _counts[kept] = c;
                kept++;
                Cell(_hashes[kept - 1]) = kept;
            }
        }

        Array.Clear(_texts, kept, _used - kept);
        _used = kept;
        MaximumError += median;
    }

    private static long Median(ReadOnlySpan<long> counts)
    {
        var copy = counts.ToArray();
        var k = copy.Length / 2;
        int lo = 0, hi = copy.Length - 1;

        // Quickselect with a middle pivot: linear on average, enough for ~1 000 counters.
        while (lo < hi)
        {
            var pivot = copy[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (copy[i] < pivot)
                {
                    i++;
                }

                while (copy[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (copy[i], copy[j]) = (copy[j], copy[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return copy[k];
    }

    private string Render(int slot) => _texts[slot] ?? _numbers[slot].ToString(CultureInfo.InvariantCulture);

    private (ulong Hash, string? Text, long Number, long Count)[] Snapshot()
    {
        var items = new (ulong, string?, long, long)[_used];
        for (var i = 0; i < _used; i++)
        {
            items[i] = (_hashes[i], _texts[i], _numbers[i], _counts[i]);
        }

        return items;
    }
}
