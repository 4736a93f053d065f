using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// A flat UTF-8 string field. Parquet.Net decodes the chunk into character slices (present values packed, plus definition
/// levels); each slice becomes one <see cref="string"/>, except in a dictionary-encoded chunk, where every row that refers to
/// the same dictionary entry gets the same string instance (one string per distinct value, not per row). Buffers are reused
/// from one row group to the next.
/// </summary>
internal sealed class ParquetStringPlan(ColumnSchema schema, DataField field) : ParquetColumnPlan(schema)
{
    private readonly Dictionary<DictionaryEntry, string> _dictionary = [];
    private string?[] _values = [];
    private ReadOnlyMemory<char>[] _slices = [];
    private int[] _levels = [];

    public override void Release() => Array.Clear(_values);

    public override async ValueTask<Column> ReadAsync(
        ParquetRowGroupReader rowGroup, int rowCount, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        var values = Ensure(ref _values, rowCount);
        var slices = Ensure(ref _slices, rowCount);
        var nullable = field.MaxDefinitionLevel > 0;
        var levels = nullable ? Ensure(ref _levels, rowCount) : null;
        await rowGroup.ReadRawAsync<ReadOnlyMemory<char>>(
            field, slices.AsMemory(0, rowCount), levels?.AsMemory(0, rowCount), null, cancellationToken).ConfigureAwait(false);

        _dictionary.Clear();
        var shared = IsDictionaryEncoded(rowGroup);
        var next = 0;
        for (var i = 0; i < rowCount; i++)
        {
            if (levels is not null && levels[i] < field.MaxDefinitionLevel)
            {
                values[i] = null;
                continue;
            }

            var slice = slices[next];
            slices[next++] = default;
            values[i] = shared ? Shared(slice) : slice.ToString();
        }

        _dictionary.Clear();
        return new StringColumn(Name, values, rowCount);
    }

    private bool IsDictionaryEncoded(ParquetRowGroupReader rowGroup)
    {
        var encodings = rowGroup.GetMetadata(field)?.MetaData?.Encodings;
        return encodings is not null
            && (encodings.Contains(Parquet.Meta.Encoding.RLE_DICTIONARY) || encodings.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY));
    }

    /// <summary>Parquet.Net hands out the same slice (same array, offset and length) for every row that points at one dictionary entry.</summary>
    private string Shared(ReadOnlyMemory<char> slice)
    {
        if (!MemoryMarshal.TryGetArray(slice, out var segment) || segment.Array is null)
        {
            return slice.ToString();
        }

        var key = new DictionaryEntry(segment.Array, segment.Offset, segment.Count);
        if (!_dictionary.TryGetValue(key, out var text))
        {
            text = slice.ToString();
            _dictionary.Add(key, text);
        }

        return text;
    }

    private readonly record struct DictionaryEntry(char[] Array, int Offset, int Length)
    {
        public bool Equals(DictionaryEntry other) => ReferenceEquals(Array, other.Array) && Offset == other.Offset && Length == other.Length;

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Array), Offset, Length);
    }
}
