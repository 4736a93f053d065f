using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace ServerlessPrep.Core.Features;

/// <summary>
/// Deterministic 64-bit hashing used by feature hashing, crosses, dedup keys and splits: XxHash64 (seed 0) over UTF-8 bytes,
/// identical on every platform and process (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
internal static class StableHash
{
    private const int StackLimit = 256;

    public static ulong OfText(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return XxHash64.HashToUInt64(buffer[..written]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return XxHash64.HashToUInt64(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Bucket in [0, buckets) of a hash (unsigned modulo).</summary>
    public static int Bucket(ulong hash, int buckets) => (int)(hash % (ulong)buckets);

    /// <summary>Maps a hash uniformly onto [0, 1) using its top 53 bits.</summary>
    public static double ToUnitInterval(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
