using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ServerlessPrep.Core.Profiling.Sketches;

/// <summary>Counts whitespace-separated tokens (space, tab, CR, LF) eight characters at a time.</summary>
internal static class TextTokens
{
    public static int Count(ReadOnlySpan<char> text)
    {
        var chars = MemoryMarshal.Cast<char, ushort>(text);
        var tokens = 0;
        var previousWasSpace = 1u;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var space = Vector128.Create((ushort)' ');
            var tab = Vector128.Create((ushort)'\t');
            var lf = Vector128.Create((ushort)'\n');
            var cr = Vector128.Create((ushort)'\r');
            for (; i + Vector128<ushort>.Count <= chars.Length; i += Vector128<ushort>.Count)
            {
                var v = Vector128.Create(chars.Slice(i, Vector128<ushort>.Count));
                var ws = Vector128.Equals(v, space) | Vector128.Equals(v, tab) | Vector128.Equals(v, lf) | Vector128.Equals(v, cr);
                var mask = ws.ExtractMostSignificantBits();

                // A token starts at a non-space whose predecessor is a space (or the start of the text).
                var starts = ~mask & ((mask << 1) | previousWasSpace) & 0xFFu;
                tokens += BitOperations.PopCount(starts);
                previousWasSpace = (mask >> 7) & 1u;
            }
        }

        for (; i < chars.Length; i++)
        {
            var c = chars[i];
            var isSpace = c is ' ' or '\t' or '\n' or '\r' ? 1u : 0u;
            if (isSpace == 0 && previousWasSpace == 1)
            {
                tokens++;
            }

            previousWasSpace = isSpace;
        }

        return tokens;
    }
}
