using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>
/// Decodes one flat column chunk page by page into batches of any size: PLAIN, PLAIN_DICTIONARY / RLE_DICTIONARY and RLE
/// (booleans) values, RLE or BIT_PACKED definition levels, data pages v1 and v2. Only the current page and the chunk's
/// dictionary are held; text values become strings per batch (dictionary entries once per chunk, shared by every row that
/// uses them). Column buffers are reused: a returned <see cref="Column"/> is valid until the next call.
/// </summary>
internal sealed partial class PageColumnDecoder
{
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private readonly ColumnSchema _schema;
    private readonly PageValueMapping _mapping;
    private readonly int _maxDefinition;
    private readonly int _width;
    private readonly ColumnChunkPages _pages;
    private readonly PageBuffer _page = new();
    private readonly PageBuffer _dictionaryPage = new();
    private readonly int _capacity;
    private readonly byte _scale;
    private SnappyWindow? _stream;

    /// <summary>Snappy pages of PLAIN text at least this large are decoded through a window (see <see cref="StreamsValues"/>).</summary>
    internal const int StreamedPageBytes = 1024 * 1024;

    // Current data page.
    private byte[] _levels = [];
    private int[] _indices = [];
    private int[] _starts = [];
    private int[] _lengths = [];
    private long[] _decoded = [];
    private int _pageValues;
    private int _pageRead;
    private int _presentRead;
    private int _valuesOffset;
    private ValueSource _source;

    // The chunk's dictionary.
    private long[] _dictionaryLongs = [];
    private double[] _dictionaryDoubles = [];
    private string?[] _dictionaryStrings = [];
    private int[] _dictionaryStarts = [];
    private int[] _dictionaryLengths = [];
    private int _dictionaryCount = -1;

    private long _rowsLeft;
    private long _rowsUnpaged;

    // Output buffers.
    private readonly long[]? _longs;
    private readonly double[]? _doubles;
    private readonly bool[]? _booleans;
    private readonly string?[]? _strings;
    private readonly bool[] _nulls;

    /// <param name="scale">The decimal scale (DECIMAL columns only).</param>
    public PageColumnDecoder(ColumnSchema schema, PageValueMapping mapping, int maxDefinitionLevel, int capacity, Stream stream, PageDecompressor decompressor, int scale = 0)
    {
        _scale = (byte)Math.Clamp(scale, 0, 28);
        _schema = schema;
        _mapping = mapping;
        _maxDefinition = maxDefinitionLevel;
        _width = mapping.PlainWidth();
        _capacity = capacity;
        _pages = new ColumnChunkPages(stream, decompressor);
        _nulls = new bool[capacity];
        switch (mapping)
        {
            case PageValueMapping.Boolean: _booleans = new bool[capacity]; break;
            case PageValueMapping.Float or PageValueMapping.Double or PageValueMapping.Decimal32 or PageValueMapping.Decimal64: _doubles = new double[capacity]; break;
            case PageValueMapping.String: _strings = new string?[capacity]; break;
            default: _longs = new long[capacity]; break;
        }
    }

    public PageValueMapping Mapping => _mapping;

    private enum ValueSource
    {
        Plain,
        PlainStream,
        Dictionary,
        RleBooleans,
        Decoded,
    }

    /// <summary>Whether this decoder handles a chunk (codec, encodings, physical type and layout); if not, Parquet.Net reads it.</summary>
    public bool CanDecode(Parquet.Meta.ColumnMetaData? metadata, long rowCount) =>
        metadata is not null
        && metadata.Type == _mapping.PhysicalType()
        && metadata.NumValues == rowCount
        && metadata.PathInSchema is { Count: 1 }
        && PageDecompressor.IsSupported(metadata.Codec)
        && metadata.Encodings is { } encodings
        && encodings.TrueForAll(e => e is Parquet.Meta.Encoding.PLAIN or Parquet.Meta.Encoding.PLAIN_DICTIONARY
            or Parquet.Meta.Encoding.RLE_DICTIONARY or Parquet.Meta.Encoding.RLE or Parquet.Meta.Encoding.BIT_PACKED
            or Parquet.Meta.Encoding.DELTA_BINARY_PACKED or Parquet.Meta.Encoding.DELTA_LENGTH_BYTE_ARRAY or Parquet.Meta.Encoding.BYTE_STREAM_SPLIT);

    /// <summary>Starts a new chunk of <paramref name="rowCount"/> rows.</summary>
    public void Begin(Parquet.Meta.ColumnMetaData metadata, long rowCount)
    {
        var start = metadata.DictionaryPageOffset is > 0 and var d && d < metadata.DataPageOffset ? d : metadata.DataPageOffset;
        _pages.Begin(start, metadata.TotalCompressedSize, metadata.TotalUncompressedSize, metadata.Codec);
        _rowsLeft = rowCount;
        _rowsUnpaged = rowCount;
        _pageValues = _pageRead = 0;
        _dictionaryCount = -1;
        Array.Clear(_dictionaryStrings);
        if (_strings is not null)
        {
            Array.Clear(_strings);
        }
    }

    /// <summary>The next <paramref name="rows"/> rows of the chunk as a column.</summary>
    /// <param name="firstRow">The object row number of the first of them (for diagnostics).</param>
    public async ValueTask<Column> ReadAsync(int rows, long firstRow, ReadDiagnostics diagnostics, CancellationToken cancellationToken)
    {
        if (rows > _capacity || rows > _rowsLeft)
        {
            throw new InvalidOperationException($"Asked for {rows} rows; capacity {_capacity}, {_rowsLeft} left in the chunk.");
        }

        var filled = 0;
        var anyNull = false;
        while (filled < rows)
        {
            if (_pageRead == _pageValues)
            {
                await NextDataPageAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var take = Math.Min(rows - filled, _pageValues - _pageRead);
            anyNull |= Fill(filled, take, firstRow, diagnostics);
            filled += take;
            _pageRead += take;
        }

        _rowsLeft -= rows;
        return _mapping switch
        {
            PageValueMapping.Boolean => new BooleanColumn(_schema.Name, _booleans!, anyNull ? _nulls : null, rows),
            PageValueMapping.Float or PageValueMapping.Double or PageValueMapping.Decimal32 or PageValueMapping.Decimal64 => new DoubleColumn(_schema.Name, _doubles!, anyNull ? _nulls : null, rows),
            PageValueMapping.String => new StringColumn(_schema.Name, _strings!, rows),
            _ => new Int64Column(_schema.Name, _longs!, anyNull ? _nulls : null, rows, _schema.Kind),
        };
    }

    private bool Fill(int offset, int count, long firstRow, ReadDiagnostics diagnostics)
    {
        var anyNull = false;
        var page = _page.Span;
        for (var i = 0; i < count; i++)
        {
            var row = offset + i;
            if (_maxDefinition > 0 && _levels[_pageRead + i] < _maxDefinition)
            {
                _nulls[row] = true;
                anyNull = true;
                SetMissing(row);
                continue;
            }

            var index = _presentRead++;
            if (!SetValue(page, row, index))
            {
                anyNull = true;
                _nulls[row] = true;
                diagnostics.AddUnparsed(_schema.Name, firstRow + row + 1, DescribeRaw(page, index));
                SetMissing(row);
                continue;
            }

            _nulls[row] = false;
        }

        return anyNull;
    }

    private void SetMissing(int row)
    {
        if (_strings is not null)
        {
            _strings[row] = null;
        }
        else if (_longs is not null)
        {
            _longs[row] = 0;
        }
        else if (_doubles is not null)
        {
            _doubles[row] = 0;
        }
        else
        {
            _booleans![row] = false;
        }
    }

    /// <summary>Sets one present value; false when it does not fit the column's kind (then it is counted as unparsed).</summary>
    private bool SetValue(ReadOnlySpan<byte> page, int row, int index)
    {
        switch (_mapping)
        {
            case PageValueMapping.Boolean:
                _booleans![row] = _source switch
                {
                    ValueSource.Plain => (page[_valuesOffset + (index >> 3)] >> (index & 7) & 1) != 0,
                    _ => _indices[index] != 0,
                };
                return true;
            case PageValueMapping.Float or PageValueMapping.Double:
                _doubles![row] = _source switch
                {
                    ValueSource.Dictionary => _dictionaryDoubles[_indices[index]],
                    ValueSource.Decoded => _width == 4 ? BitConverter.Int32BitsToSingle((int)_decoded[index]) : BitConverter.Int64BitsToDouble(_decoded[index]),
                    _ => PlainDouble(page, index),
                };
                return true;
            case PageValueMapping.Decimal32 or PageValueMapping.Decimal64:
                _doubles![row] = DecimalToDouble(RawLong(page, index));
                return true;
            case PageValueMapping.String:
                _strings![row] = _source switch
                {
                    ValueSource.Dictionary => DictionaryString(_indices[index]),
                    ValueSource.PlainStream => NextStreamedText(),
                    _ => Encoding.UTF8.GetString(page.Slice(_starts[index], _lengths[index])),
                };
                return true;
            default:
                return Convert(RawLong(page, index), out _longs![row]);
        }
    }

    private bool Convert(long raw, out long value)
    {
        switch (_mapping)
        {
            case PageValueMapping.Int8: value = (sbyte)raw; return true;
            case PageValueMapping.UInt8: value = (byte)raw; return true;
            case PageValueMapping.Int16: value = (short)raw; return true;
            case PageValueMapping.UInt16: value = (ushort)raw; return true;
            case PageValueMapping.UInt32: value = (uint)raw; return true;
            case PageValueMapping.UInt64: value = raw; return raw >= 0;
            case PageValueMapping.DateDays:
                var inRange = raw >= MinMicros / TimeUnits.MicrosPerDay && raw <= MaxMicros / TimeUnits.MicrosPerDay;
                value = inRange ? raw * TimeUnits.MicrosPerDay : 0;
                return inRange;
            case PageValueMapping.TimestampMillis:
                value = raw is > long.MaxValue / 1000 or < long.MinValue / 1000 ? 0 : raw * 1000;
                return value >= MinMicros && value <= MaxMicros && value / 1000 == raw;
            case PageValueMapping.TimestampMicros:
                value = raw;
                return raw >= MinMicros && raw <= MaxMicros;
            case PageValueMapping.TimestampNanos:
                value = raw / 1000;
                return true;
            default:
                value = raw;
                return true;
        }
    }

    /// <summary>The same double as Parquet.Net's decimal (unscaled × 10^-scale, exact) converted to double.</summary>
    private double DecimalToDouble(long unscaled)
    {
        var magnitude = unscaled == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(unscaled);
        return (double)new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unscaled < 0, _scale);
    }

    /// <summary>A present INT32/INT64 value as stored (INT32 sign-extended; DELTA_BINARY_PACKED wraps at 32 bits for INT32).</summary>
    private long RawLong(ReadOnlySpan<byte> page, int index) => _source switch
    {
        ValueSource.Dictionary => _dictionaryLongs[_indices[index]],
        ValueSource.Decoded => _width == 4 ? (int)_decoded[index] : _decoded[index],
        _ => PlainLong(page, index),
    };

    private string DescribeRaw(ReadOnlySpan<byte> page, int index)
    {
        var raw = RawLong(page, index);
        return _mapping == PageValueMapping.UInt64 ? ((ulong)raw).ToString(CultureInfo.InvariantCulture) : raw.ToString(CultureInfo.InvariantCulture);
    }

    private long PlainLong(ReadOnlySpan<byte> page, int index) => _width == 4
        ? BinaryPrimitives.ReadInt32LittleEndian(page[(_valuesOffset + (index * 4))..])
        : BinaryPrimitives.ReadInt64LittleEndian(page[(_valuesOffset + (index * 8))..]);

    private double PlainDouble(ReadOnlySpan<byte> page, int index) => _width == 4
        ? BinaryPrimitives.ReadSingleLittleEndian(page[(_valuesOffset + (index * 4))..])
        : BinaryPrimitives.ReadDoubleLittleEndian(page[(_valuesOffset + (index * 8))..]);

    private string DictionaryString(int index) =>
        _dictionaryStrings[index] ??= Encoding.UTF8.GetString(_dictionaryPage.Span.Slice(_dictionaryStarts[index], _dictionaryLengths[index]));
}
