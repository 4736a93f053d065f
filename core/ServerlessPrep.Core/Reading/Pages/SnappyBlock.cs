using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Decodes one raw Snappy block (Google's format_description.txt: a varint length, then literals and back-references)
/// straight into the caller's buffer. Snappier's span API decompresses into a buffer it rents from the shared pool and then
/// copies; for the tens-of-megabytes pages some writers produce, those rented arrays (rounded up to a power of two) were most
/// of the reader's garbage. Every length and offset is checked; the result is the number of bytes written or -1 when the block
/// is corrupt or does not produce exactly <c>target.Length</c> bytes.
/// </summary>
internal static class SnappyBlock
{
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var position = 0;
        if (ThriftCompactCheck.ReadUnsignedVarint(source, ref position) is not { } length || length != (ulong)target.Length)
        {
            return -1;
        }

        var written = 0;
        while (position < source.Length)
        {
            if (!ReadElement(source, ref position, out var literal, out var copyLength, out var offset))
            {
                return -1;
            }

            if (literal > 0)
            {
                if (literal > target.Length - written)
                {
                    return -1;
                }

                if (literal <= 16 && source.Length - position >= 16 && target.Length - written >= 16)
                {
                    // Short literal with room on both sides: two 8-byte moves instead of a sized copy.
                    ref var from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), position);
                    ref var to = ref Unsafe.Add(ref MemoryMarshal.GetReference(target), written);
                    Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, 8)));
                }
                else
                {
                    source.Slice(position, literal).CopyTo(target[written..]);
                }

                position += literal;
                written += literal;
                continue;
            }

            if (offset > written || copyLength > target.Length - written)
            {
                return -1;
            }

            Copy(target, written - offset, written, copyLength);
            written += copyLength;
        }

        return written == target.Length ? written : -1;
    }

    /// <summary>
    /// Reads one element's tag (and its extra bytes) at <paramref name="position"/>: a literal of <paramref name="literal"/>
    /// bytes that follow in the source (then <paramref name="copy"/> is 0), or a back-reference of <paramref name="copy"/> bytes
    /// from <paramref name="offset"/> back. False when the element is cut off, its literal runs past the source, or its offset
    /// is not positive; the caller checks it against what has been written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool ReadElement(ReadOnlySpan<byte> source, ref int position, out int literal, out int copy, out int offset)
    {
        var tag = source[position++];
        (literal, copy, offset) = (0, 0, 0);
        switch (tag & 3)
        {
            case 0:
                literal = tag >> 2;
                if (literal >= 60)
                {
                    var bytes = literal - 59;
                    if (bytes > source.Length - position)
                    {
                        return false;
                    }

                    literal = 0;
                    for (var b = 0; b < bytes; b++)
                    {
                        literal |= source[position + b] << (8 * b);
                    }

                    position += bytes;
                }

                // A 4-byte length with its high bit set reads as negative: corrupt.
                if (literal < 0 || (long)literal + 1 > source.Length - position)
                {
                    return false;
                }

                literal++;
                return true;
            case 1:
                if (position >= source.Length)
                {
                    return false;
                }

                copy = 4 + ((tag >> 2) & 7);
                offset = ((tag >> 5) << 8) | source[position++];
                return offset > 0;
            case 2:
                if (2 > source.Length - position)
                {
                    return false;
                }

                copy = 1 + (tag >> 2);
                offset = BinaryPrimitives.ReadUInt16LittleEndian(source[position..]);
                position += 2;
                return offset > 0;
            default:
                if (4 > source.Length - position)
                {
                    return false;
                }

                copy = 1 + (tag >> 2);
                offset = BinaryPrimitives.ReadInt32LittleEndian(source[position..]);
                position += 4;
                return offset > 0;
        }
    }

    /// <summary>A back-reference may overlap what it writes (offset &lt; length repeats a pattern): copy in non-overlapping steps.</summary>
    internal static void Copy(Span<byte> target, int from, int to, int length)
    {
        var distance = to - from;
        if (distance >= 8 && target.Length - to >= length + 8)
        {
            // 8-byte moves; each reads only bytes already written (distance >= 8) and the slack keeps the last one inside.
            ref var start = ref MemoryMarshal.GetReference(target);
            for (var i = 0; i < length; i += 8)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, to + i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, from + i)));
            }

            return;
        }

        while (length > 0)
        {
            var step = Math.Min(length, distance);
            target.Slice(from, step).CopyTo(target[to..]);
            to += step;
            length -= step;
            distance += step;
        }
    }
}
