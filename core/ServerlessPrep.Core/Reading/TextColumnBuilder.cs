using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Accumulates one column of a CSV/JSONL chunk from text values, parsed as the column's kind.
/// A value that does not parse becomes missing and is counted in <see cref="ReadDiagnostics"/> (the schema never changes
/// mid-object). Buffers are reused by the next chunk after <see cref="Reset"/>.
/// </summary>
internal sealed class TextColumnBuilder
{
    private const int RecentSlots = 4096;
    private const int MaxRecentLength = 32;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _nullTokens;
    private readonly ReadDiagnostics _diagnostics;
    private readonly int _capacity;
    private long[]? _int64;
    private double[]? _double;
    private bool[]? _boolean;
    private string?[]? _text;
    private bool[] _nulls;
    private readonly string?[]? _recent;
    private bool _anyNull;

    public TextColumnBuilder(ColumnSchema schema, int capacity, IEnumerable<string> nullTokens, ReadDiagnostics diagnostics)
    {
        Schema = schema;
        _nullTokens = new HashSet<string>(nullTokens, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _diagnostics = diagnostics;
        _capacity = capacity;

        // Start small and grow to the chunk size, so that small objects do not pay for 65,536-row buffers.
        var initial = Math.Min(capacity, 1024);
        _nulls = new bool[initial];
        switch (schema.Kind)
        {
            case DataKind.Int64 or DataKind.Date or DataKind.Timestamp:
                _int64 = new long[initial];
                break;
            case DataKind.Double:
                _double = new double[initial];
                break;
            case DataKind.Boolean:
                _boolean = new bool[initial];
                break;
            default:
                _text = new string?[initial];
                _recent = new string?[RecentSlots];
                break;
        }
    }

    public ColumnSchema Schema { get; }

    public int Count { get; private set; }

    public void AppendNull()
    {
        EnsureRoom();
        if (_text is not null)
        {
            _text[Count] = null;
        }

        _nulls[Count++] = true;
        _anyNull = true;
    }

    /// <summary>Appends a text value; empty is missing (unless it is a JSON string), and so is a null token in a non-text column.</summary>
    public void Append(ReadOnlySpan<char> text, long line, bool emptyIsMissing = true)
    {
        EnsureRoom();
        if (text.IsEmpty && (emptyIsMissing || _text is null))
        {
            AppendNull();
            return;
        }

        if (_text is not null)
        {
            _text[Count] = text.IsEmpty ? string.Empty : Share(text);
            _nulls[Count++] = false;
            return;
        }

        var trimmed = text.Trim();
        if (trimmed.IsEmpty || _nullTokens.Contains(trimmed))
        {
            AppendNull();
            return;
        }

        var ok = Schema.Kind switch
        {
            DataKind.Int64 => TextValueParser.TryParseInt64(trimmed, out _int64![Count]),
            DataKind.Double => TextValueParser.TryParseDouble(trimmed, out _double![Count]),
            DataKind.Boolean => TextValueParser.TryParseBoolean(trimmed, out _boolean![Count]),
            DataKind.Date => TextValueParser.TryParseDate(trimmed, out _int64![Count]),
            DataKind.Timestamp => TextValueParser.TryParseTimestamp(trimmed, out _int64![Count]) || TextValueParser.TryParseDate(trimmed, out _int64![Count]),
            _ => false,
        };

        if (!ok)
        {
            _diagnostics.AddUnparsed(Schema.Name, line, text);
            AppendNull();
            return;
        }

        _nulls[Count++] = false;
    }

    private void EnsureRoom()
    {
        if (Count < _nulls.Length)
        {
            return;
        }

        if (Count >= _capacity)
        {
            throw new InvalidOperationException($"Column '{Schema.Name}' is full ({_capacity} rows); build and reset it first.");
        }

        var size = (int)Math.Min((long)_nulls.Length * 2, _capacity);
        Array.Resize(ref _nulls, size);
        if (_int64 is not null)
        {
            Array.Resize(ref _int64, size);
        }

        if (_double is not null)
        {
            Array.Resize(ref _double, size);
        }

        if (_boolean is not null)
        {
            Array.Resize(ref _boolean, size);
        }

        if (_text is not null)
        {
            Array.Resize(ref _text, size);
        }
    }

    /// <summary>
    /// Reuses the string of a recent equal short value (a direct-mapped cache), so repeated categories cost one string
    /// instead of one per row; long or rare values are simply copied.
    /// </summary>
    private string Share(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxRecentLength)
        {
            return text.ToString();
        }

        ref var slot = ref _recent![string.GetHashCode(text) & (RecentSlots - 1)];
        if (slot is not null && text.SequenceEqual(slot))
        {
            return slot;
        }

        slot = text.ToString();
        return slot;
    }

    /// <summary>A column over the buffers; valid until <see cref="Reset"/> and the next appends.</summary>
    public Column Build()
    {
        var nulls = _anyNull ? _nulls : null;
        return Schema.Kind switch
        {
            DataKind.Int64 or DataKind.Date or DataKind.Timestamp => new Int64Column(Schema.Name, _int64!, nulls, Count, Schema.Kind),
            DataKind.Double => new DoubleColumn(Schema.Name, _double!, nulls, Count),
            DataKind.Boolean => new BooleanColumn(Schema.Name, _boolean!, nulls, Count),
            _ => new StringColumn(Schema.Name, _text!, Count, Schema.Kind),
        };
    }

    public void Reset()
    {
        Count = 0;
        _anyNull = false;
    }
}
