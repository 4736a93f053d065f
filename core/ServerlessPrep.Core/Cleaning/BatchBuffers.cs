namespace ServerlessPrep.Core.Cleaning;

/// <summary>
/// Arrays reused from one <see cref="PreparationPipeline.Apply"/> call to the next, so a steady stream of batches allocates
/// (almost) nothing and the large-object heap is not churned. Each call rents in a deterministic order; every rent within one
/// call returns a distinct array with at least the requested length (longer arrays are fine: columns carry their length).
/// </summary>
internal sealed class BatchBuffers
{
    private readonly Pool<double> _doubles = new();
    private readonly Pool<bool> _bools = new();
    private readonly Pool<string?> _strings = new();
    private readonly Pool<long> _longs = new();

    /// <summary>Starts a new batch: every array rented before may be handed out again.</summary>
    public void Reset()
    {
        _doubles.Reset();
        _bools.Reset();
        _strings.Reset();
        _longs.Reset();
    }

    /// <param name="clear">Zero the first <paramref name="n"/> elements (otherwise the content is stale).</param>
    public double[] Doubles(int n, bool clear) => _doubles.Rent(n, clear);

    public bool[] Bools(int n, bool clear) => _bools.Rent(n, clear);

    public string?[] Strings(int n) => _strings.Rent(n, clear: false);

    public long[] Longs(int n) => _longs.Rent(n, clear: false);

    private sealed class Pool<T>
    {
        private readonly List<T[]> _arrays = [];
        private int _next;

        public void Reset() => _next = 0;

        public T[] Rent(int n, bool clear)
        {
            if (_next == _arrays.Count)
            {
                _arrays.Add(new T[n]);
                return _arrays[_next++];
            }

            var array = _arrays[_next];
            if (array.Length < n)
            {
                array = _arrays[_next] = new T[n];
            }
            else if (clear)
            {
                Array.Clear(array, 0, n);
            }

            _next++;
            return array;
        }
    }
}
