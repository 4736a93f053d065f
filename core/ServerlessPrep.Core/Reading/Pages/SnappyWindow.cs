using System.Buffers.Binary;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Reads a raw Snappy block sequentially without decompressing all of it: bytes are decoded into a window that holds what the
/// reader has not consumed yet plus the 64 KiB of history that back-references reach (Snappy compressors work in 64 KiB
/// fragments). A page of tens of megabytes is then read with a window of a few hundred kilobytes. A block whose
/// back-references reach further (legal, just unusual) is decoded whole instead, once, and read from that buffer.
/// Faults are <see cref="InvalidDataException"/>s.
/// </summary>
internal sealed class SnappyWindow
{
    private const int History = 64 * 1024;
    private const int Step = 256 * 1024;

    private byte[] _window = new byte[History + (2 * Step)];
    private ReadOnlyMemory<byte> _source;
    private int _input;
    private long _total;
    private long _windowStart;   // output offset of _window[0]
    private long _produced;      // output bytes decoded so far
    private long _consumed;      // output bytes handed to the reader
    private int _pendingLiteral; // literal bytes of the current element still to copy
    private int _pendingCopy;    // back-reference bytes still to copy
    private int _pendingOffset;
    private byte[]? _whole;      // set when the block had to be decoded whole

    public long Remaining => _total - _consumed;

    public void Reset(ReadOnlyMemory<byte> source)
    {
        _source = source;
        _input = 0;
        if (ThriftCompactCheck.ReadUnsignedVarint(source.Span, ref _input) is not { } total || total > int.MaxValue)
        {
            throw new InvalidDataException("the Snappy block does not start with a valid length");
        }

        _total = (long)total;
        _windowStart = _produced = _consumed = 0;
        _pendingLiteral = _pendingCopy = _pendingOffset = 0;
        _whole = null;
    }

    /// <summary>The next <paramref name="count"/> bytes (valid until the next call).</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException($"a value of {count} bytes runs past the end of the page ({Remaining} bytes left)");
        }

        if (_whole is not null)
        {
            var start = (int)_consumed;
            _consumed += count;
            return _whole.AsSpan(start, count);
        }

        var end = _consumed + count;
        if (end > _produced)
        {
            Produce(end);
            if (_whole is not null)
            {
                return Take(count);
            }
        }

        var offset = (int)(_consumed - _windowStart);
        _consumed = end;
        return _window.AsSpan(offset, count);
    }

    /// <summary>Decodes until at least <paramref name="needed"/> bytes of output exist, keeping the unconsumed bytes and the history.</summary>
    private void Produce(long needed)
    {
        var keepFrom = Math.Min(_consumed, Math.Max(0, _produced - History));
        var target = Math.Min(_total, Math.Max(needed, _produced + Step));
        var capacity = target - keepFrom;
        if (_windowStart != keepFrom || capacity > _window.Length)
        {
            var kept = (int)(_produced - keepFrom);
            var window = capacity > _window.Length ? new byte[capacity + Step] : _window;
            Array.Copy(_window, (int)(keepFrom - _windowStart), window, 0, kept);
            _window = window;
            _windowStart = keepFrom;
        }

        var span = _window.AsSpan();
        var source = _source.Span;
        var at = (int)(_produced - _windowStart);
        var end = (int)(target - _windowStart);

        // Locals, not fields, in the loop: this runs once per Snappy element.
        var input = _input;
        var literal = _pendingLiteral;
        var copy = _pendingCopy;
        var offset = _pendingOffset;
        while (at < end)
        {
            if (literal > 0)
            {
                var n = Math.Min(literal, end - at);
                if (n <= 16 && source.Length - input >= 16 && span.Length - at >= 16)
                {
                    // Room on both sides: one fixed 16-byte move (bytes past n are overwritten later).
                    source.Slice(input, 16).CopyTo(span.Slice(at, 16));
                }
                else
                {
                    source.Slice(input, n).CopyTo(span[at..]);
                }

                input += n;
                at += n;
                literal -= n;
                continue;
            }

            if (copy > 0)
            {
                if (offset > at)
                {
                    DecodeWhole();
                    return;
                }

                var n = Math.Min(copy, end - at);
                SnappyBlock.Copy(span, at - offset, at, n);
                copy -= n;
                at += n;
                continue;
            }

            if (input >= source.Length)
            {
                throw new InvalidDataException($"the Snappy block ends after {_windowStart + at} of its {_total} bytes");
            }

            if (!SnappyBlock.ReadElement(source, ref input, out literal, out copy, out offset))
            {
                throw new InvalidDataException($"a Snappy element at byte {input} of the block is cut off, runs past its end or has an offset of 0");
            }
        }

        (_input, _pendingLiteral, _pendingCopy, _pendingOffset) = (input, literal, copy, offset);
        _produced = target;
    }

    /// <summary>A back-reference reaches before the window: decode the block whole (it checks every offset) and read from that.</summary>
    private void DecodeWhole()
    {
        var whole = new byte[_total];
        if (SnappyBlock.Decode(_source.Span, whole) < 0)
        {
            throw new InvalidDataException($"the Snappy block is corrupt or does not decode to its {_total} bytes");
        }

        _whole = whole;
    }
}
