namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Specs;

/// <summary>
/// Drops rows whose key repeats another row of the same object, remembering 64-bit key hashes only (a false duplicate needs a
/// 64-bit collision: ~3·10⁻⁶ at 10⁷ distinct keys). Keys are the coerced, trimmed values before imputation; rows already
/// rejected by a rule take no part.
/// <list type="bullet">
/// <item><see cref="DedupKeep.First"/>: streaming; the first occurrence in object order is kept.</item>
/// <item><see cref="DedupKeep.Last"/>: rows cannot be retracted once a batch is emitted, so the last occurrence is found by a
/// key-only pre-pass (<see cref="Observe"/> over every batch, cheap with a columnar reader) and each row is kept iff it is the
/// last occurrence of its key. The pre-pass cannot see rule verdicts: if the last occurrence is rejected, the key has no output row.</item>
/// </list>
/// </summary>
internal sealed class Deduplicator(int[] keyColumns, DedupKeep keep)
{
    private readonly HashSet<ulong> _seen = [];
    private readonly Dictionary<ulong, long> _last = [];
    private readonly KeyHasher _hasher = new(string.Empty);
    private bool _observed;

    public bool NeedsKeyPass => keep == DedupKeep.Last;

    public IReadOnlyList<int> KeyColumns => keyColumns;

    public void Observe(WorkingColumn[] columns, long firstRowIndex, int n)
    {
        _observed = true;
        for (var i = 0; i < n; i++)
        {
            _last[_hasher.Hash(columns, keyColumns, i)] = firstRowIndex + i;
        }
    }

    /// <summary>Marks duplicates removed; returns how many rows were dropped.</summary>
    public int Apply(WorkingColumn[] columns, long firstRowIndex, Span<bool> removed)
    {
        var n = removed.Length;
        if (NeedsKeyPass && !_observed && n > 0)
        {
            throw new InvalidOperationException("Dedup with Keep = Last needs the key pre-pass: call ObserveKeys for every batch of the object before Apply.");
        }

        var dropped = 0;
        for (var i = 0; i < n; i++)
        {
            if (removed[i])
            {
                continue;
            }

            var hash = _hasher.Hash(columns, keyColumns, i);
            var duplicate = keep == DedupKeep.First
                ? !_seen.Add(hash)
                : !_last.TryGetValue(hash, out var last) || last != firstRowIndex + i;
            if (duplicate)
            {
                removed[i] = true;
                dropped++;
            }
        }

        return dropped;
    }
}
