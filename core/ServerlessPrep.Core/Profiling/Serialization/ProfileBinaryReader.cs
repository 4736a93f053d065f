using System.Buffers.Binary;
using System.Text;

namespace ServerlessPrep.Core.Profiling.Serialization;

/// <summary>Reads what <see cref="ProfileBinaryWriter"/> wrote; every bounds fault becomes a <see cref="ProfileFormatException"/>.</summary>
internal ref struct ProfileBinaryReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProfileBinaryReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Whether fields remain in this section (fields appended by newer writers are read only when present).</summary>
    public readonly bool HasMore => _position < _data.Length;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() != 0;

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public int ReadCount(int maximum)
    {
        var count = ReadInt32();
        if (count < 0 || count > maximum)
        {
            throw new ProfileFormatException($"Count {count} is outside [0, {maximum}].");
        }

        return count;
    }

    public double[] ReadDoubles()
    {
        var count = ReadCount((_data.Length - _position) / 8);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadDouble();
        }

        return values;
    }

    public string? ReadString()
    {
        var length = ReadInt32();
        if (length == -1)
        {
            return null;
        }

        if (length < 0)
        {
            throw new ProfileFormatException($"Negative string length {length}.");
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>The next section as its own reader; this reader moves past it whatever the section's reader consumes.</summary>
    public ProfileBinaryReader ReadSection()
    {
        var length = ReadInt32();
        if (length < 0)
        {
            throw new ProfileFormatException($"Negative section length {length}.");
        }

        return new ProfileBinaryReader(Take(length));
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw new ProfileFormatException($"Unexpected end of data: needed {count} bytes at offset {_position}, {_data.Length - _position} left.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
