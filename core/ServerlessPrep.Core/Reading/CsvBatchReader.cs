using System.Globalization;
using System.Runtime.CompilerServices;
using nietras.SeparatedValues;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Streams a delimited text object in chunks of <see cref="ReaderOptions.ChunkRows"/> rows, parsed by Sep
/// (RFC 4180 quoting: quoted delimiters, doubled quotes, line breaks inside quotes). Column types are inferred from the
/// first <see cref="CsvOptions.InferenceRows"/> rows, which are the only rows held before the first batch.
/// Blank lines are skipped; a row with another field count than the header is an <see cref="InvalidDataObjectException"/>.
/// </summary>
internal sealed class CsvBatchReader : IBatchReader
{
    private readonly SepReader _sep;
    private readonly string _objectKey;
    private readonly ReaderOptions _options;
    private readonly List<(string?[] Fields, long Line)> _sample;
    private readonly TextColumnBuilder[] _builders;
    private bool _started;

    private CsvBatchReader(SepReader sep, string objectKey, ReaderOptions options, BatchSchema schema, List<(string?[] Fields, long Line)> sample, ReadDiagnostics diagnostics)
    {
        _sep = sep;
        _objectKey = objectKey;
        _options = options;
        _sample = sample;
        Schema = schema;
        Diagnostics = diagnostics;
        var capacity = Math.Max(1, options.ChunkRows);
        _builders = schema.Columns.Select(c => new TextColumnBuilder(c, capacity, options.NullTokens, diagnostics)).ToArray();
    }

    public InputFormat Format => InputFormat.Csv;

    public BatchSchema Schema { get; }

    public long? TotalRows => null;

    public ReadDiagnostics Diagnostics { get; }

    public static async Task<IBatchReader> OpenAsync(Stream stream, string objectKey, CsvOptions csv, ReaderOptions options, CancellationToken cancellationToken)
    {
        if (csv.InferenceRows < 1)
        {
            throw new ArgumentException($"CSV {nameof(CsvOptions.InferenceRows)} must be at least 1 (was {csv.InferenceRows}).", nameof(csv));
        }

        SepReader sep;
        try
        {
            sep = await Sep.New(csv.Delimiter).Reader(o => o with
            {
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
                CultureInfo = CultureInfo.InvariantCulture,
            }).FromAsync(stream, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ReadFaults.IsDataFault(e))
        {
            throw new InvalidDataObjectException(objectKey, $"the CSV cannot be parsed ({e.GetType().Name}: {e.Message}).", inner: e);
        }

        try
        {
            var diagnostics = new ReadDiagnostics(options.MaxExamplesPerColumn);
            var reader = new CsvRowSource(sep, objectKey, options);
            var first = await reader.NextAsync(expectedFields: -1, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataObjectException(objectKey, csv.HasHeader
                    ? "the object has no header line (it is empty or blank); expected a CSV header naming the columns."
                    : "the object has no rows (it is empty or blank); expected CSV data.");

            string[] names;
            var sample = new List<(string?[] Fields, long Line)>();
            if (csv.HasHeader)
            {
                CheckHeaderIsNotData(objectKey, first.Fields, first.Line);
                names = HeaderNames(first.Fields, diagnostics);
            }
            else
            {
                names = Enumerable.Range(1, first.Fields.Length).Select(i => $"column_{i}").ToArray();
                sample.Add(first);
            }

            while (sample.Count < csv.InferenceRows
                && await reader.NextAsync(names.Length, cancellationToken).ConfigureAwait(false) is { } row)
            {
                sample.Add(row);
            }

            var inference = names.Select(_ => new KindInference()).ToArray();
            var nullTokens = new HashSet<string>(options.NullTokens, StringComparer.Ordinal);
            foreach (var (fields, _) in sample)
            {
                for (var c = 0; c < fields.Length; c++)
                {
                    var value = fields[c];
                    if (!string.IsNullOrWhiteSpace(value) && !nullTokens.Contains(value.Trim()))
                    {
                        inference[c].ObserveText(value);
                    }
                }
            }

            var schema = new BatchSchema(names.Select((n, i) => new ColumnSchema(n, inference[i].Result, true, "csv:inferred")));
            return new CsvBatchReader(sep, objectKey, options, schema, sample, diagnostics);
        }
        catch
        {
            sep.Dispose();
            throw;
        }
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
        foreach (var (fields, line) in _sample)
        {
            for (var c = 0; c < _builders.Length; c++)
            {
                _builders[c].Append(fields[c], line);
            }

            if (_builders[0].Count == _options.ChunkRows)
            {
                yield return Flush(ref firstRow);
            }
        }

        _sample.Clear();
        var source = new CsvRowSource(_sep, _objectKey, _options);
        while (await source.AppendNextAsync(_builders, cancellationToken).ConfigureAwait(false))
        {
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

    public ValueTask DisposeAsync()
    {
        _sep.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void CheckHeaderIsNotData(string objectKey, string?[] header, long line)
    {
        var numeric = 0;
        foreach (var name in header)
        {
            var text = name.AsSpan().Trim();
            if (TextValueParser.TryParseDouble(text, out _) || TextValueParser.TryParseDate(text, out _) || TextValueParser.TryParseTimestamp(text, out _))
            {
                numeric++;
            }
        }

        if (numeric == header.Length)
        {
            throw new InvalidDataObjectException(
                objectKey,
                $"expected a header row naming the columns, but the first line holds only numbers or dates ({string.Join(", ", header.Take(5))}); "
                + "for a CSV without a header set hasHeader: false.",
                line: line);
        }
    }

    private static string[] HeaderNames(string?[] header, ReadDiagnostics diagnostics)
    {
        var names = new string[header.Length];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i]?.Trim() ?? string.Empty;
            if (name.Length == 0)
            {
                name = $"column_{i + 1}";
                diagnostics.AddNote($"header field {i + 1} is empty; the column is named '{name}'.");
            }

            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            if (unique != name)
            {
                diagnostics.AddNote($"header name '{name}' repeats; column {i + 1} is named '{unique}'.");
            }

            names[i] = unique;
        }

        return names;
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
