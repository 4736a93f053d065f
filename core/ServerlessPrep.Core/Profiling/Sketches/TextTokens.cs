using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>
/// Counts tokens separated by whitespace, taken as any character ≤ U+0020 (space, tab, CR, LF and the other C0
/// controls): one vector comparison per 16 characters.
/// </summary>
internal static class TextTokens
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var chars = MemoryMarshal.Cast<char, ushort>(text);
        var tokens = 0;
        var previousWasSpace = 1u;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var space = Vector256.Create((ushort)' ');
            for (; i + Vector256<ushort>.Count <= chars.Length; i += Vector256<ushort>.Count)
            {
                var mask = Vector256.LessThanOrEqual(Vector256.Create(chars.Slice(i, Vector256<ushort>.Count)), space).ExtractMostSignificantBits();

                // A token starts at a non-space whose predecessor is a space (or the start of the text).
                tokens += BitOperations.PopCount(~mask & ((mask << 1) | previousWasSpace) & 0xFFFFu);
                previousWasSpace = (mask >> 15) & 1u;
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var space = Vector128.Create((ushort)' ');
            for (; i + Vector128<ushort>.Count <= chars.Length; i += Vector128<ushort>.Count)
            {
                var mask = Vector128.LessThanOrEqual(Vector128.Create(chars.Slice(i, Vector128<ushort>.Count)), space).ExtractMostSignificantBits();
                tokens += BitOperations.PopCount(~mask & ((mask << 1) | previousWasSpace) & 0xFFu);
                previousWasSpace = (mask >> 7) & 1u;
            }
        }

        for (; i < chars.Length; i++)
        {
            var isSpace = chars[i] <= ' ' ? 1u : 0u;
            tokens += (int)(~isSpace & previousWasSpace & 1u);
            previousWasSpace = isSpace;
        }

        return tokens;
    }
}
