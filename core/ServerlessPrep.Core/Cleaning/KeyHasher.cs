using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace ServerlessPrep.Core.Cleaning;

using ServerlessPrep.Core.Data;

/// <summary>
/// 64-bit XxHash64 keys of row values for dedup, uniqueness and splits. A value's canonical bytes are UTF-8 of: the text;
/// the exact integer (Int64; timestamps and dates as microseconds since the epoch); the round-trip double ("R");
/// <c>true</c>/<c>false</c>. One column hashes value bytes + salt (a missing value hashes as empty); several columns are framed
/// (0 = missing, else 1 + 4-byte little-endian length + bytes) so that ("ab","c") ≠ ("a","bc"). Values are read before imputation.
/// The key is built in a reused buffer and hashed in one shot.
/// </summary>
internal sealed class KeyHasher(string salt)
{
    private readonly byte[] _salt = Encoding.UTF8.GetBytes(salt);
    private byte[] _buffer = new byte[512];

    public ulong Hash(WorkingColumn column, int row)
    {
        var length = Write(column, row, 0);
        return Finish(length);
    }

    public ulong Hash(WorkingColumn[] columns, ReadOnlySpan<int> indices, int row)
    {
        var length = 0;
        foreach (var index in indices)
        {
            var column = columns[index];
            Ensure(length + 5);
            if (column.Nulls[row])
            {
                _buffer[length++] = 0;
                continue;
            }

            _buffer[length] = 1;
            var start = length + 5;
            var end = Write(column, row, start);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(length + 1), end - start);
            length = end;
        }

        return Finish(length);
    }

    private ulong Finish(int length)
    {
        Ensure(length + _salt.Length);
        _salt.CopyTo(_buffer, length);
        return XxHash64.HashToUInt64(_buffer.AsSpan(0, length + _salt.Length));
    }

    /// <summary>Writes the canonical bytes of a value at <paramref name="offset"/>; returns the end offset.</summary>
    private int Write(WorkingColumn column, int row, int offset)
    {
        if (column.Nulls[row])
        {
            return offset;
        }

        if (column.Texts is { } texts)
        {
            var text = texts[row]!;
            Ensure(offset + Encoding.UTF8.GetMaxByteCount(text.Length));
            return offset + Encoding.UTF8.GetBytes(text, _buffer.AsSpan(offset));
        }

        Ensure(offset + 32);
        var target = _buffer.AsSpan(offset);
        int written;
        var ok = column.Coerced switch
        {
            Int64Column l => l.Values[row].TryFormat(target, out written, default, CultureInfo.InvariantCulture),
            BooleanColumn b => Encoding.UTF8.TryGetBytes(b.Values[row] ? "true" : "false", target, out written),
            _ => column.Numbers![row].TryFormat(target, out written, "R", CultureInfo.InvariantCulture),
        };
        return ok ? offset + written : throw new InvalidOperationException("Value does not fit the key buffer.");
    }

    private void Ensure(int length)
    {
        if (_buffer.Length < length)
        {
            Array.Resize(ref _buffer, Math.Max(length, _buffer.Length * 2));
        }
    }
}
