using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>The 64-bit hashes every sketch keys on: stable across processes and releases (persisted profiles depend on them).</summary>
internal static class ValueHash
{
    public static ulong OfString(string value) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(value.AsSpan()));

    public static ulong OfInt64(long value) => Mix((ulong)value);

    public static ulong OfDouble(double value)
    {
        // -0.0 and 0.0 are one value; all NaNs are one value.
        if (value == 0d)
        {
            value = 0d;
        }
        else if (double.IsNaN(value))
        {
            value = double.NaN;
        }

        return Mix((ulong)BitConverter.DoubleToInt64Bits(value) ^ 0x9E3779B97F4A7C15UL);
    }

    /// <summary>The SplitMix64 / Murmur3 finalizer: a bijection with full avalanche, much cheaper than xxHash for 8 bytes.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
