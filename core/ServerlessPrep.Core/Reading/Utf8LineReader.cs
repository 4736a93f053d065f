namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Splits a UTF-8 stream into lines (LF or CRLF) through one growing buffer, so only the current line is held.
/// A line longer than the limit makes the object invalid rather than exhausting memory.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, string objectKey, int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Min(64 * 1024, maxLineBytes + 2)];
    private int _start;
    private int _end;
    private int _next;
    private int _lineStart;
    private int _lineLength;
    private bool _eof;

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    public ReadOnlySpan<byte> Line => _buffer.AsSpan(_lineStart, _lineLength);

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        _start = _next;
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                SetLine(_start, scanFrom + newline - _start);
                _next = scanFrom + newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    SetLine(_start, _end - _start);
                    _next = _end;
                    return true;
                }

                // Compaction may have moved _start; keep later calls (after the end) within the buffer.
                _next = _start;
                return false;
            }

            scanFrom = _end;
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                scanFrom -= _start;
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= maxLineBytes + 2)
                {
                    throw new InvalidDataObjectException(
                        objectKey, $"the line is longer than the limit of {maxLineBytes} bytes; expected one JSON object per line.", line: LineNumber + 1);
                }

                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, maxLineBytes + 2L));
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _end += read;
            _eof = read == 0;
        }
    }

    private void SetLine(int start, int length)
    {
        LineNumber++;
        if (length > 0 && _buffer[start + length - 1] == (byte)'\r')
        {
            length--;
        }

        if (LineNumber == 1 && _buffer.AsSpan(start, length).StartsWith("\uFEFF"u8))
        {
            start += 3;
            length -= 3;
        }

        _lineStart = start;
        _lineLength = length;
    }
}
