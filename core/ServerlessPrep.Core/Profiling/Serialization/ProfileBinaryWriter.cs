using System.Buffers.Binary;
using System.Text;

namespace ServerlessPrep.Core.Profiling.Serialization;

/// <summary>
/// Little-endian primitives plus length-prefixed sections. Every record is a section so that a reader can skip fields
/// appended by newer writers (it reads what it knows, then jumps to the section's end).
/// </summary>
internal sealed class ProfileBinaryWriter
{
    private byte[] _buffer = new byte[4096];
    private int _count;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _count);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        WriteInt32(values.Length);
        var target = Reserve(values.Length * 8);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(target.Slice(i * 8, 8), values[i]);
        }
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteInt32(byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Reserves a length prefix; pass the result to <see cref="EndSection"/> once the section's fields are written.</summary>
    public int BeginSection()
    {
        var start = _count;
        WriteInt32(0);
        return start;
    }

    public void EndSection(int start) =>
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start, 4), _count - start - 4);

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _count < count)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + count));
        }

        var span = _buffer.AsSpan(_count, count);
        _count += count;
        return span;
    }
}
