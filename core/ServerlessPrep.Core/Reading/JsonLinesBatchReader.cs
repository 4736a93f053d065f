using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Streams a JSON Lines object (one JSON object per line) in chunks, with <see cref="Utf8JsonReader"/> (no reflection).
/// The schema is the union of the keys of the first <see cref="ReaderOptions.JsonInferenceRows"/> objects, in first-seen
/// order, with kinds inferred from their values; objects and arrays are carried as raw JSON text (Nested).
/// Keys first seen later are ignored with a note; a line that is not a JSON object is an <see cref="InvalidDataObjectException"/>.
/// </summary>
internal sealed class JsonLinesBatchReader : IBatchReader
{
    private const int MaxUnknownKeyNotes = 20;

    private readonly Utf8LineReader _lines;
    private readonly string _objectKey;
    private readonly ReaderOptions _options;
    private readonly List<(byte[] Line, long Number)> _sample;
    private readonly TextColumnBuilder[] _builders;
    private readonly Dictionary<string, int> _indexByName;
    private readonly byte[][] _utf8Names;
    private readonly bool[] _set;
    private readonly HashSet<string> _unknownKeys = new(StringComparer.Ordinal);
    private char[] _chars = new char[256];
    private bool _started;

    private JsonLinesBatchReader(
        Utf8LineReader lines, string objectKey, ReaderOptions options, BatchSchema schema, List<(byte[] Line, long Number)> sample, ReadDiagnostics diagnostics)
    {
        _lines = lines;
        _objectKey = objectKey;
        _options = options;
        _sample = sample;
        Schema = schema;
        Diagnostics = diagnostics;
        _builders = schema.Columns.Select(c => new TextColumnBuilder(c, options.ChunkRows, options.NullTokens, diagnostics)).ToArray();
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        _utf8Names = new byte[schema.Count][];
        for (var i = 0; i < schema.Count; i++)
        {
            _indexByName[schema.Columns[i].Name] = i;
            _utf8Names[i] = Encoding.UTF8.GetBytes(schema.Columns[i].Name);
        }

        _set = new bool[schema.Count];
    }

    public InputFormat Format => InputFormat.JsonLines;

    public BatchSchema Schema { get; }

    public long? TotalRows => null;

    public ReadDiagnostics Diagnostics { get; }

    public static async Task<IBatchReader> OpenAsync(Stream stream, string objectKey, ReaderOptions options, CancellationToken cancellationToken)
    {
        var lines = new Utf8LineReader(stream, objectKey, options.MaxFieldBytes);
        var sample = new List<(byte[] Line, long Number)>();
        var names = new List<string>();
        var inference = new List<KindInference>();
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var chars = new char[256];
        while (sample.Count < options.JsonInferenceRows && await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (IsBlank(lines.Line))
            {
                continue;
            }

            Observe(objectKey, lines.Line, lines.LineNumber, names, inference, indexByName, ref chars);
            sample.Add((lines.Line.ToArray(), lines.LineNumber));
        }

        if (sample.Count == 0)
        {
            throw new InvalidDataObjectException(objectKey, "the object has no JSON lines (it is empty or blank); expected one JSON object per line.");
        }

        if (names.Count == 0)
        {
            throw new InvalidDataObjectException(objectKey, $"the first {sample.Count} JSON objects have no keys; expected objects with at least one key.");
        }

        var schema = new BatchSchema(names.Select((n, i) => new ColumnSchema(n, inference[i].Result, true, "jsonl:inferred")));
        return new JsonLinesBatchReader(lines, objectKey, options, schema, sample, new ReadDiagnostics(options.MaxExamplesPerColumn));
    }

    public async IAsyncEnumerable<RowBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("The batches of a reader can be enumerated only once.");
        }

        _started = true;
        cancellationToken.ThrowIfCancellationRequested();
        long firstRow = 0;
        foreach (var (line, number) in _sample)
        {
            AppendLine(line, number);
            if (_builders[0].Count == _options.ChunkRows)
            {
                yield return Flush(ref firstRow);
            }
        }

        _sample.Clear();
        while (await _lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (IsBlank(_lines.Line))
            {
                continue;
            }

            AppendLine(_lines.Line, _lines.LineNumber);
            if (_builders[0].Count == _options.ChunkRows)
            {
                yield return Flush(ref firstRow);
            }
        }

        if (_builders[0].Count > 0)
        {
            yield return Flush(ref firstRow);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.TrimStart(" \t"u8).IsEmpty;

    private static void Observe(
        string objectKey, ReadOnlySpan<byte> line, long number, List<string> names, List<KindInference> inference, Dictionary<string, int> indexByName, ref char[] chars)
    {
        try
        {
            var reader = StartObject(objectKey, line, number);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!indexByName.TryGetValue(name, out var index))
                {
                    index = names.Count;
                    indexByName.Add(name, index);
                    names.Add(name);
                    inference.Add(new KindInference());
                }

                reader.Read();
                var kind = inference[index];
                switch (reader.TokenType)
                {
                    case JsonTokenType.True or JsonTokenType.False:
                        kind.ObserveJsonBoolean();
                        break;
                    case JsonTokenType.Number:
                        kind.ObserveJsonNumber(Transcode(reader.ValueSpan, ref chars));
                        break;
                    case JsonTokenType.String:
                        kind.ObserveJsonString(Unescape(ref reader, ref chars));
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        kind.ObserveJsonNested();
                        reader.Skip();
                        break;
                }
            }

            EndObject(objectKey, ref reader, number);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Invalid(objectKey, number, e);
        }
    }

    private static Utf8JsonReader StartObject(string objectKey, ReadOnlySpan<byte> line, long number)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            var hint = reader.TokenType == JsonTokenType.StartArray && number == 1
                ? " (a JSON array document is not JSON Lines: write one object per line)"
                : string.Empty;
            throw new InvalidDataObjectException(objectKey, $"the line is not a JSON object{hint}; expected one JSON object per line.", line: number);
        }

        return reader;
    }

    private static void EndObject(string objectKey, ref Utf8JsonReader reader, long number)
    {
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new InvalidDataObjectException(objectKey, "the line holds more than one JSON value; expected one JSON object per line.", line: number);
        }
    }

    /// <summary>Invalid UTF-8 inside a string surfaces as <see cref="InvalidOperationException"/> from the reader: also bad data.</summary>
    private static InvalidDataObjectException Invalid(string objectKey, long number, Exception e) =>
        new(objectKey, $"the line is not valid JSON ({e.Message}); expected one JSON object per line.", line: number, inner: e);

    private static ReadOnlySpan<char> Transcode(ReadOnlySpan<byte> utf8, ref char[] chars)
    {
        if (chars.Length < utf8.Length)
        {
            chars = new char[Math.Max(utf8.Length, chars.Length * 2)];
        }

        var n = Encoding.UTF8.GetChars(utf8, chars);
        return chars.AsSpan(0, n);
    }

    private static ReadOnlySpan<char> Unescape(ref Utf8JsonReader reader, ref char[] chars)
    {
        if (chars.Length < reader.ValueSpan.Length)
        {
            chars = new char[Math.Max(reader.ValueSpan.Length, chars.Length * 2)];
        }

        var n = reader.CopyString(chars);
        return chars.AsSpan(0, n);
    }

    private void AppendLine(ReadOnlySpan<byte> line, long number)
    {
        Array.Clear(_set);
        try
        {
            var reader = StartObject(_objectKey, line, number);
            var expected = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = FindColumn(ref reader, expected, number);
                reader.Read();
                if (index < 0 || _set[index])
                {
                    reader.Skip();
                    continue;
                }

                expected = index + 1;
                AppendValue(ref reader, line, index, number);
            }

            EndObject(_objectKey, ref reader, number);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Invalid(_objectKey, number, e);
        }

        for (var i = 0; i < _builders.Length; i++)
        {
            if (!_set[i])
            {
                _builders[i].AppendNull();
            }
        }
    }

    private int FindColumn(ref Utf8JsonReader reader, int expected, long number)
    {
        // Objects usually list their keys in the same order, so try the next column before decoding the name.
        if (expected < _utf8Names.Length && reader.ValueTextEquals(_utf8Names[expected]))
        {
            return expected;
        }

        var name = reader.GetString()!;
        if (_indexByName.TryGetValue(name, out var index))
        {
            return index;
        }

        if (_unknownKeys.Add(name) && _unknownKeys.Count <= MaxUnknownKeyNotes)
        {
            Diagnostics.AddNote($"key '{name}' first appears on line {number}, after the rows used to infer the schema; its values are ignored.");
        }

        return -1;
    }

    private void AppendValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, int index, long number)
    {
        var builder = _builders[index];
        var nested = builder.Schema.Kind == DataKind.Nested;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.True:
                builder.Append("true", number);
                break;
            case JsonTokenType.False:
                builder.Append("false", number);
                break;
            case JsonTokenType.Number:
                builder.Append(Transcode(reader.ValueSpan, ref _chars), number);
                break;
            case JsonTokenType.String when !nested:
                builder.Append(Unescape(ref reader, ref _chars), number, emptyIsMissing: false);
                break;
            default:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                builder.Append(Transcode(line[start..(int)reader.BytesConsumed], ref _chars), number);
                break;
        }

        _set[index] = true;
    }

    private RowBatch Flush(ref long firstRow)
    {
        var rows = _builders[0].Count;
        var columns = new Column[_builders.Length];
        for (var c = 0; c < _builders.Length; c++)
        {
            columns[c] = _builders[c].Build();
            _builders[c].Reset();
        }

        var batch = new RowBatch(Schema, columns, rows, firstRow);
        firstRow += rows;
        return batch;
    }
}
