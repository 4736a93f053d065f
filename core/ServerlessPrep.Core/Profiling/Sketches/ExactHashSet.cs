namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// A fixed-capacity open-addressing set of 64-bit hashes (linear probing, load ≤ 1/2): the exact mode of
/// <see cref="HyperLogLogSketch"/>, about three times faster than a <see cref="HashSet{T}"/> on the hot path.
/// </summary>
internal sealed class ExactHashSet
{
    private readonly ulong[] _slots;
    private readonly int _mask;
    private bool _hasZero;

    public ExactHashSet(int capacity)
    {
        var size = 1;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _slots = new ulong[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>Adds a hash; false when already present. The caller stops adding once <see cref="Count"/> passes the capacity.</summary>
    public bool Add(ulong hash)
    {
        if (hash == 0)
        {
            if (_hasZero)
            {
                return false;
            }

            _hasZero = true;
            Count++;
            return true;
        }

        var i = (int)hash & _mask;
        while (true)
        {
            var slot = _slots[i];
            if (slot == hash)
            {
                return false;
            }

            if (slot == 0)
            {
                _slots[i] = hash;
                Count++;
                return true;
            }

            i = (i + 1) & _mask;
        }
    }

    public ulong[] ToArray()
    {
        var result = new ulong[Count];
        var n = 0;
        if (_hasZero)
        {
            result[n++] = 0;
        }

        foreach (var slot in _slots)
        {
            if (slot != 0)
            {
                result[n++] = slot;
            }
        }

        return result;
    }
}
