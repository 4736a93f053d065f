using System.IO.Hashing;
using System.Text;

namespace ServerlessPrep.Core.Features;

/// <summary>
/// Deterministic 64-bit hashing used by feature hashing, crosses, dedup keys and splits: XxHash64 (seed 0) over UTF-8 bytes,
/// identical on every platform and process (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
internal static class StableHash
{
    /// <summary>XxHash64 of the UTF-8 bytes of <paramref name="text"/>, encoded into a caller-owned scratch buffer (grown as needed).</summary>
    public static ulong OfText(ReadOnlySpan<char> text, ref byte[] scratch)
    {
        var max = text.Length * 3;
        if (scratch.Length < max)
        {
            scratch = new byte[Math.Max(max, scratch.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(text, scratch);
        return XxHash64.HashToUInt64(scratch.AsSpan(0, written));
    }

    /// <summary>XxHash64 of the UTF-8 bytes of <paramref name="text"/> (allocates a small buffer; not for hot loops).</summary>
    public static ulong OfText(ReadOnlySpan<char> text)
    {
        var scratch = Array.Empty<byte>();
        return OfText(text, ref scratch);
    }

    /// <summary>Bucket in [0, buckets) of a hash (unsigned modulo).</summary>
    public static int Bucket(ulong hash, int buckets) => (int)(hash % (ulong)buckets);

    /// <summary>Maps a hash uniformly onto [0, 1) using its top 53 bits.</summary>
    public static double ToUnitInterval(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
