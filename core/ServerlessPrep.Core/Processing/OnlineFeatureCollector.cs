using System.Globalization;
using System.Text;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Core.Processing;

/// <summary>
/// Keeps the latest feature row per entity (by event time) while an object streams, then writes each to the key-value store
/// with a conditional update that never replaces a newer row: out-of-order partitions cannot roll features back.
/// </summary>
/// <remarks>
/// Rows live in slabs: per block of 4,096 entities one <c>long[]</c> of event times, one <c>double[]</c> of values (row-major)
/// and one <c>ulong[]</c> null bitmap, so memory is entities × (8 × features + a few bytes) plus one dictionary entry per
/// entity, and nothing is allocated per row. A batch is handled in two passes: pick the rows that are newer than what is held,
/// then copy those rows' values tile by tile (each column's span taken once per tile).
/// </remarks>
internal sealed class OnlineFeatureCollector(string dataset, string entityColumn, string eventTimeColumn)
{
    private const int BlockShift = 12;
    private const int BlockRows = 1 << BlockShift;
    private const int BlockMask = BlockRows - 1;
    private const int TileRows = 256;
    private const int WriteChunk = 4_096;
    private const int RetryChunk = 2_000;

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<long[]> _times = [];
    private readonly List<double[]> _values = [];
    private readonly List<ulong[]> _nulls = [];
    private string[]? _names;
    private int _words;
    private int[] _rowSlots = [];
    private int[] _selectedIn = [];
    private int[] _selectedRow = [];
    private int _batch;

    public int EntityCount => _slots.Count;

    /// <summary>Bytes held for the rows: the slabs, the selection arrays and the dictionary (~28 bytes per entry; keys not counted).</summary>
    public long HeldBytes => (long)_times.Count * BlockRows * (8 + (8L * (_names?.Length ?? 0)) + (8L * _words) + 8) + (28L * _slots.Count);

    public void Add(RowBatch features)
    {
        if (features.Find(entityColumn) is not { } entity || features.Find(eventTimeColumn) is not Int64Column time)
        {
            return;
        }

        var doubles = new List<DoubleColumn>(features.Columns.Length);
        foreach (var column in features.Columns)
        {
            if (column is DoubleColumn d)
            {
                doubles.Add(d);
            }
        }

        CheckFeatures(doubles);
        var n = features.RowCount;
        if (_rowSlots.Length < n)
        {
            _rowSlots = new int[n];
        }

        SelectNewerRows(entity, time, n);
        CopyRows(doubles, n);
    }

    /// <summary>
    /// Pass 1: for each row, the entity's slot if the row is strictly newer than what is held (its time is taken now), else -1.
    /// A row superseded by a later row of the same entity in this batch is dropped again, so each slot is copied at most once.
    /// </summary>
    private void SelectNewerRows(Column entity, Int64Column time, int n)
    {
        var times = time.Values;
        var timeNulls = time.Nulls;
        var isText = entity is StringColumn;
        var text = entity is StringColumn strings ? strings.Values : default;
        var isInteger = entity is Int64Column { Kind: DataKind.Int64 };
        var integers = entity is Int64Column { Kind: DataKind.Int64 } ints ? ints.Values : default;
        var lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> digits = stackalloc char[24];
        _batch++;
        for (var row = 0; row < n; row++)
        {
            _rowSlots[row] = -1;
            if ((!timeNulls.IsEmpty && timeNulls[row]) || entity.IsNull(row))
            {
                continue;
            }

            int slot;
            if (isText)
            {
                slot = SlotOf(text[row]!);
            }
            else if (isInteger)
            {
                integers[row].TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
                slot = lookup.TryGetValue(digits[..length], out var found) ? found : SlotOf(new string(digits[..length]));
            }
            else
            {
                slot = SlotOf(Convert.ToString(entity.GetValue(row), CultureInfo.InvariantCulture)!);
            }

            var block = _times[slot >> BlockShift];
            if (times[row] > block[slot & BlockMask])
            {
                block[slot & BlockMask] = times[row];
                if (_selectedIn[slot] == _batch)
                {
                    _rowSlots[_selectedRow[slot]] = -1;
                }

                _selectedIn[slot] = _batch;
                _selectedRow[slot] = row;
                _rowSlots[row] = slot;
            }
        }
    }

    /// <summary>Pass 2: copy the selected rows tile by tile: destinations resolved once per row, each column's span once per tile.</summary>
    private void CopyRows(List<DoubleColumn> doubles, int n)
    {
        var f = doubles.Count;
        Span<int> rows = stackalloc int[TileRows];
        Span<int> offsets = stackalloc int[TileRows];
        Span<int> nullOffsets = stackalloc int[TileRows];
        var targets = new double[TileRows][];
        var nullTargets = new ulong[TileRows][];
        for (var start = 0; start < n; start += TileRows)
        {
            var end = Math.Min(n, start + TileRows);
            var m = 0;
            for (var row = start; row < end; row++)
            {
                var slot = _rowSlots[row];
                if (slot < 0)
                {
                    continue;
                }

                var at = slot & BlockMask;
                rows[m] = row;
                targets[m] = _values[slot >> BlockShift];
                offsets[m] = at * f;
                nullTargets[m] = _nulls[slot >> BlockShift];
                nullOffsets[m] = at * _words;
                nullTargets[m].AsSpan(nullOffsets[m], _words).Clear();
                m++;
            }

            for (var c = 0; c < f; c++)
            {
                var values = doubles[c].Values;
                var nulls = doubles[c].Nulls;
                if (nulls.IsEmpty)
                {
                    for (var k = 0; k < m; k++)
                    {
                        targets[k][offsets[k] + c] = values[rows[k]];
                    }

                    continue;
                }

                var word = c >> 6;
                var bit = 1UL << (c & 63);
                for (var k = 0; k < m; k++)
                {
                    if (nulls[rows[k]])
                    {
                        targets[k][offsets[k] + c] = 0;
                        nullTargets[k][nullOffsets[k] + word] |= bit;
                    }
                    else
                    {
                        targets[k][offsets[k] + c] = values[rows[k]];
                    }
                }
            }
        }

        Array.Clear(targets);
        Array.Clear(nullTargets);
    }

    private void CheckFeatures(List<DoubleColumn> doubles)
    {
        if (_names is null)
        {
            _names = doubles.Select(c => c.Name).ToArray();
            _words = (_names.Length + 63) / 64;
            return;
        }

        if (doubles.Count != _names.Length || doubles.Where((c, i) => c.Name != _names[i]).Any())
        {
            throw new InvalidOperationException($"Online features of '{dataset}': a batch's feature columns differ from the first batch's ({doubles.Count} vs {_names.Length}).");
        }
    }

    private int SlotOf(string key)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            return slot;
        }

        slot = _slots.Count;
        if ((slot >> BlockShift) == _times.Count)
        {
            var times = new long[BlockRows];
            Array.Fill(times, long.MinValue);
            _times.Add(times);
            _values.Add(new double[BlockRows * _names!.Length]);
            _nulls.Add(new ulong[BlockRows * _words]);
            Array.Resize(ref _selectedIn, _times.Count * BlockRows);
            Array.Resize(ref _selectedRow, _times.Count * BlockRows);
        }

        _slots.Add(key, slot);
        return slot;
    }

    public async Task<int> WriteAsync(IKeyValueStore kv, string objectKey, CancellationToken cancellationToken)
    {
        if (_slots.Count == 0 || _names is null)
        {
            return 0;
        }

        var keys = new string[_slots.Count];
        var slots = new int[_slots.Count];
        _slots.Keys.CopyTo(keys, 0);
        _slots.Values.CopyTo(slots, 0);
        Array.Sort(keys, slots, StringComparer.Ordinal);
        var viewId = OnlineFeatureCodec.ViewId(_names);
        await EnsureFeatureViewAsync(kv, viewId, cancellationToken).ConfigureAwait(false);
        var source = Encoding.UTF8.GetBytes(objectKey);
        var total = 0;
        for (var start = 0; start < keys.Length; start += WriteChunk)
        {
            var count = Math.Min(WriteChunk, keys.Length - start);
            var items = new KvItem[count];
            var times = new long[count];
            for (var i = 0; i < count; i++)
            {
                var slot = slots[start + i];
                times[i] = _times[slot >> BlockShift][slot & BlockMask];
                items[i] = new KvItem(KvKeys.Entity(dataset, keys[start + i]), KvKeys.OnlineFeatures, Encode(slot, times[i], viewId, source));
            }

            total += kv switch
            {
                IKeyValueOrderedWrite ordered => await ordered.PutIfNewerManyAsync(items, cancellationToken).ConfigureAwait(false),
                IKeyValueBatch batch => await WriteChunkAsync(kv, batch, items, times, cancellationToken).ConfigureAwait(false),
                _ => await WriteEachAsync(kv, items, times, cancellationToken).ConfigureAwait(false),
            };
        }

        return total;
    }

    private byte[] Encode(int slot, long eventTime, ulong viewId, byte[] source)
    {
        var f = _names!.Length;
        var at = slot & BlockMask;
        return OnlineFeatureCodec.Encode(eventTime, viewId, source,
            _values[slot >> BlockShift].AsSpan(at * f, f),
            _nulls[slot >> BlockShift].AsSpan(at * _words, _words));
    }

    /// <summary>The feature names, once per feature view (content-addressed, so an existing item is already right).</summary>
    private async Task EnsureFeatureViewAsync(IKeyValueStore kv, ulong viewId, CancellationToken cancellationToken)
    {
        var pk = KvKeys.Dataset(dataset);
        var sk = KvKeys.FeatureView(viewId);
        if (await kv.GetAsync(pk, sk, cancellationToken).ConfigureAwait(false) is null)
        {
            await kv.PutAsync(new KvItem(pk, sk, OnlineFeatureCodec.EncodeView(_names!)), KvWriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> WriteEachAsync(IKeyValueStore kv, KvItem[] items, long[] times, CancellationToken cancellationToken)
    {
        var written = 0;
        for (var i = 0; i < items.Length; i++)
        {
            written += await WriteOneAsync(kv, items[i], times[i], cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return written;
    }

    /// <summary>One batched read and one batched conditional write per chunk; entities that lost a race are retried one by one.</summary>
    private static async Task<int> WriteChunkAsync(IKeyValueStore kv, IKeyValueBatch batch, KvItem[] items, long[] times, CancellationToken cancellationToken)
    {
        var written = 0;
        for (var start = 0; start < items.Length; start += RetryChunk)
        {
            var count = Math.Min(RetryChunk, items.Length - start);
            var keys = new List<(string, string)>(count);
            for (var i = start; i < start + count; i++)
            {
                keys.Add((items[i].PartitionKey, items[i].SortKey));
            }

            var stored = await batch.GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
            var puts = new List<KvConditionalPut>(count);
            var candidates = new List<int>(count);
            for (var i = 0; i < count; i++)
            {
                if (stored[i] is { } existing && StoredEventTime(existing) >= times[start + i])
                {
                    continue;
                }

                var condition = stored[i] is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(stored[i]!.VersionToken!);
                puts.Add(new KvConditionalPut(items[start + i], condition));
                candidates.Add(start + i);
            }

            var tokens = await batch.PutManyAsync(puts, cancellationToken).ConfigureAwait(false);
            for (var p = 0; p < tokens.Count; p++)
            {
                if (tokens[p] is not null)
                {
                    written++;
                    continue;
                }

                var i = candidates[p];
                written += await WriteOneAsync(kv, items[i], times[i], cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        return written;
    }

    private static async Task<bool> WriteOneAsync(IKeyValueStore kv, KvItem item, long eventTime, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await kv.GetAsync(item.PartitionKey, item.SortKey, cancellationToken).ConfigureAwait(false);
            if (existing is not null && StoredEventTime(existing) >= eventTime)
            {
                return false;
            }

            var condition = existing is null ? KvWriteCondition.IfAbsent : KvWriteCondition.IfVersion(existing.VersionToken!);
            if (await kv.PutAsync(item, condition, cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }
        }

        throw new TransientStorageException($"Online features under '{item.PartitionKey}' kept changing under concurrent writers.");
    }

    internal static long StoredEventTime(KvItem item) => OnlineFeatureCodec.EventTime(item.Value.Span);
}
