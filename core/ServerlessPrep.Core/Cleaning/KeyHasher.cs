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
/// (0 = missing, else 1 + 4-byte length + bytes) so that ("ab","c") ≠ ("a","bc"). Values are read before imputation.
/// </summary>
internal sealed class KeyHasher(string salt)
{
    private readonly XxHash64 _hash = new();
    private readonly byte[] _salt = Encoding.UTF8.GetBytes(salt);
    private byte[] _buffer = new byte[256];

    public ulong Hash(WorkingColumn column, int row)
    {
        _hash.Reset();
        _hash.Append(Canonical(column, row));
        _hash.Append(_salt);
        return _hash.GetCurrentHashAsUInt64();
    }

    public ulong Hash(WorkingColumn[] columns, ReadOnlySpan<int> indices, int row)
    {
        _hash.Reset();
        Span<byte> frame = stackalloc byte[5];
        foreach (var index in indices)
        {
            var column = columns[index];
            if (column.Nulls[row])
            {
                _hash.Append([0]);
                continue;
            }

            var bytes = Canonical(column, row);
            frame[0] = 1;
            BinaryPrimitives.WriteInt32LittleEndian(frame[1..], bytes.Length);
            _hash.Append(frame);
            _hash.Append(bytes);
        }

        _hash.Append(_salt);
        return _hash.GetCurrentHashAsUInt64();
    }

    private ReadOnlySpan<byte> Canonical(WorkingColumn column, int row)
    {
        if (column.Nulls[row])
        {
            return [];
        }

        if (column.Texts is { } texts)
        {
            var text = texts[row]!;
            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (_buffer.Length < max)
            {
                _buffer = new byte[Math.Max(max, _buffer.Length * 2)];
            }

            return _buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, _buffer));
        }

        int written;
        var ok = column.Coerced switch
        {
            Int64Column l => l.Values[row].TryFormat(_buffer, out written, default, CultureInfo.InvariantCulture),
            BooleanColumn b => Encoding.UTF8.TryGetBytes(b.Values[row] ? "true" : "false", _buffer, out written),
            _ => column.Numbers![row].TryFormat(_buffer, out written, "R", CultureInfo.InvariantCulture),
        };
        return ok ? _buffer.AsSpan(0, written) : throw new InvalidOperationException("Value does not fit the key buffer.");
    }
}
