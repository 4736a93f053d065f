using System.Runtime.CompilerServices;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// Sorts non-NaN doubles ascending with an LSD radix sort over their order-preserving 64-bit keys, one 8-bit pass per
/// key byte that differs between the items, at most the 4 most significant of them (0/1 flags: 2 passes; small integers
/// and narrow ranges: 2–4); when lower bytes vary too (random mantissas), an insertion pass orders the few keys that tie
/// on those 4 bytes, falling back to a comparison sort if ties are many. No comparisons, so no mispredicted branches: faster than <see cref="MemoryExtensions.Sort{T}(Span{T})"/> on the
/// few hundred values of a KLL level-0 compaction. Input already in order costs one scan. Equal keys keep no particular
/// order; for doubles that only concerns -0.0, which lands before 0.0 (deterministically, whatever the input order).
/// </summary>
internal static class DoubleRadixSort
{
    /// <summary>Below this many items a comparison sort is cheaper than the histogram passes.</summary>
    private const int MinRadixLength = 64;

    /// <summary>Radix passes at most; lower varying bytes are left to an insertion pass.</summary>
    private const int MaxPasses = 4;

    /// <summary>Sorts <paramref name="items"/> (no NaN); <paramref name="scratch"/> must hold twice as many elements.</summary>
    public static void Sort(Span<double> items, Span<ulong> scratch)
    {
        var n = items.Length;
        if (n < MinRadixLength)
        {
            items.Sort();
            return;
        }

        if (scratch.Length < 2 * n)
        {
            throw new ArgumentException("The scratch buffer must hold twice the items.", nameof(scratch));
        }

        var source = scratch[..n];
        var target = scratch.Slice(n, n);

        // One pass: the keys, whether they are already in order (ids and timestamps often are), and which bytes vary.
        var first = ToKey(items[0]);
        var previous = first;
        var sorted = true;
        ulong varying = 0;
        for (var i = 0; i < n; i++)
        {
            var key = ToKey(items[i]);
            source[i] = key;
            sorted &= key >= previous;
            varying |= key ^ first;
            previous = key;
        }

        if (sorted)
        {
            return;
        }

        Span<int> shifts = stackalloc int[8];
        var passes = 0;
        for (var shift = 0; shift < 64; shift += 8)
        {
            if (((varying >> shift) & 0xFF) != 0)
            {
                shifts[passes++] = shift;
            }
        }

        // Only the most significant varying bytes get a pass; keys that tie on them are put in order by an insertion
        // pass, which is nearly free when such ties are rare (random mantissas) and bounded otherwise.
        var skipped = Math.Max(0, passes - MaxPasses);
        Span<int> offsets = stackalloc int[256];
        foreach (var shift in shifts[skipped..passes])
        {
            offsets.Clear();
            foreach (var key in source)
            {
                offsets[(int)((key >> shift) & 0xFF)]++;
            }

            var offset = 0;
            for (var b = 0; b < 256; b++)
            {
                var c = offsets[b];
                offsets[b] = offset;
                offset += c;
            }

            foreach (var key in source)
            {
                target[offsets[(int)((key >> shift) & 0xFF)]++] = key;
            }

            var swap = source;
            source = target;
            target = swap;
        }

        if (skipped > 0 && !InsertionSort(source, maxMoves: 4 * n))
        {
            source.Sort();
        }

        for (var i = 0; i < n; i++)
        {
            items[i] = FromKey(source[i]);
        }
    }

    /// <summary>Insertion sort that gives up (leaving a permutation) after <paramref name="maxMoves"/> moves.</summary>
    private static bool InsertionSort(Span<ulong> keys, int maxMoves)
    {
        var moves = 0;
        for (var i = 1; i < keys.Length; i++)
        {
            var key = keys[i];
            var j = i - 1;
            if (keys[j] <= key)
            {
                continue;
            }

            do
            {
                keys[j + 1] = keys[j];
                j--;
                moves++;
            }
            while (j >= 0 && keys[j] > key);
            keys[j + 1] = key;
            if (moves > maxMoves)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Flips the sign bit of non-negative values and every bit of negative ones: unsigned key order = numeric order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToKey(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return bits ^ ((ulong)((long)bits >> 63) | 0x8000_0000_0000_0000UL);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FromKey(ulong key)
    {
        // Keys with the top bit set came from non-negative values.
        var bits = key ^ ((ulong)((long)~key >> 63) | 0x8000_0000_0000_0000UL);
        return BitConverter.Int64BitsToDouble((long)bits);
    }
}
