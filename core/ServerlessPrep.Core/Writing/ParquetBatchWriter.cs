using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Writing;

/// <summary>
/// Writes <see cref="RowBatch"/>es as one Parquet row group each: snappy, every field nullable, dictionary encoding for
/// string columns. Timestamp → TIMESTAMP(MICROS, UTC); Date → DATE (days); Nested → JSON text as STRING.
/// The same batches and metadata give byte-identical output (metadata is written in ordinal key order).
/// Values go to Parquet.Net as present values plus definition levels through one scratch array per element type (no nullable copy per column).
/// Disposing writes the footer; the caller keeps ownership of the output stream (it must be writable and seekable).
/// </summary>
public sealed class ParquetBatchWriter : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly BatchSchema _schema;
    private readonly DataField[] _fields;
    private readonly ScratchBuffers _scratch = new();
    private bool _disposed;

    private ParquetBatchWriter(ParquetWriter writer, BatchSchema schema, DataField[] fields)
    {
        _writer = writer;
        _schema = schema;
        _fields = fields;
    }

    public long RowsWritten { get; private set; }

    public int RowGroupsWritten { get; private set; }

    public static async Task<ParquetBatchWriter> CreateAsync(
        Stream output, BatchSchema schema, IReadOnlyDictionary<string, string> keyValueMetadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keyValueMetadata);
        if (schema.Count == 0)
        {
            throw new ArgumentException("A Parquet file needs at least one column.", nameof(schema));
        }

        var fields = schema.Columns.Select(ToField).ToArray();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        for (var i = 0; i < fields.Length; i++)
        {
            if (schema.Columns[i].Kind == DataKind.String)
            {
                options.ColumnEncodingHints[fields[i].Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, options, append: false, cancellationToken).ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keyValueMetadata.Keys.Order(StringComparer.Ordinal))
        {
            metadata[key] = keyValueMetadata[key];
        }

        writer.CustomMetadata = metadata;
        return new ParquetBatchWriter(writer, schema, fields);
    }

    /// <summary>Writes the batch as one row group (an empty batch writes nothing).</summary>
    /// <exception cref="ArgumentException">The batch's schema is not the writer's.</exception>
    public async Task WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!batch.Schema.Equals(_schema))
        {
            throw new ArgumentException($"The batch's schema ({batch.Schema}) is not the writer's ({_schema}).", nameof(batch));
        }

        if (batch.RowCount == 0)
        {
            return;
        }

        using var rowGroup = _writer.CreateRowGroup();
        for (var i = 0; i < _fields.Length; i++)
        {
            await WriteColumnAsync(rowGroup, i, batch.Columns[i], batch.RowCount, cancellationToken).ConfigureAwait(false);
        }

        rowGroup.CompleteValidate();
        RowsWritten += batch.RowCount;
        RowGroupsWritten++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private static DataField ToField(ColumnSchema column) => column.Kind switch
    {
        DataKind.Boolean => new DataField<bool?>(column.Name),
        DataKind.Int64 => new DataField<long?>(column.Name),
        DataKind.Double => new DataField<double?>(column.Name),
        DataKind.String or DataKind.Nested => new DataField<string>(column.Name, nullable: true),
        DataKind.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true),
        DataKind.Date => new DataField<DateOnly?>(column.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, $"Column '{column.Name}' has an unknown kind."),
    };

    private async Task WriteColumnAsync(ParquetRowGroupWriter rowGroup, int index, Column column, int rows, CancellationToken ct)
    {
        var field = _fields[index];
        switch (column)
        {
            case BooleanColumn b:
                await WritePrimitiveAsync(rowGroup, field, b, _scratch.Booleans, ct).ConfigureAwait(false);
                break;
            case DoubleColumn d:
                await WritePrimitiveAsync(rowGroup, field, d, _scratch.Doubles, ct).ConfigureAwait(false);
                break;
            case Int64Column l when l.Kind == DataKind.Int64:
                await WritePrimitiveAsync(rowGroup, field, l, _scratch.Longs, ct).ConfigureAwait(false);
                break;
            case Int64Column t when t.Kind == DataKind.Timestamp:
                {
                    var values = _scratch.DateTimes.Get(rows);
                    var present = Levels(t, rows, t.Values, values, static micros => TimeUnits.ToDateTime(micros));
                    await rowGroup.WriteAllPartsAsync<DateTime>(field, values.AsMemory(0, present), _scratch.Levels.Get(rows).AsMemory(0, rows), null, ct).ConfigureAwait(false);
                    break;
                }

            case Int64Column date:
                {
                    var values = _scratch.Dates.Get(rows);
                    var present = Levels(date, rows, date.Values, values, static micros => DateOnly.FromDateTime(TimeUnits.ToDateTime(micros)));
                    await rowGroup.WriteAllPartsAsync<DateOnly>(field, values.AsMemory(0, present), _scratch.Levels.Get(rows).AsMemory(0, rows), null, ct).ConfigureAwait(false);
                    break;
                }

            case StringColumn s:
                {
                    var buffer = _scratch.Strings.Get(rows);
                    s.Values.CopyTo(buffer);
                    try
                    {
                        await rowGroup.WriteAsync(field, new ArraySegment<string?>(buffer, 0, rows), null).ConfigureAwait(false);
                    }
                    finally
                    {
                        // The scratch buffer is shared by every string column: keep no text of this batch alive.
                        Array.Clear(buffer, 0, rows);
                    }

                    break;
                }

            default:
                throw new ArgumentException($"Column '{column.Name}' of type {column.GetType().Name} cannot be written.", nameof(column));
        }
    }

    /// <summary>
    /// Writes present values and definition levels (1 = present, 0 = null) without a nullable copy of the column: a column
    /// without nulls is written from its own array, one with nulls through a packed copy in the shared scratch buffer.
    /// </summary>
    private Task WritePrimitiveAsync<T>(ParquetRowGroupWriter rowGroup, DataField field, PrimitiveColumn<T> column, Scratch<T> scratch, CancellationToken ct)
        where T : unmanaged
    {
        var rows = column.Length;
        var levels = _scratch.Levels.Get(rows);
        if (!column.HasNullMask)
        {
            levels.AsSpan(0, rows).Fill(1);
            return rowGroup.WriteAllPartsAsync<T>(field, column.ValuesMemory, levels.AsMemory(0, rows), null, ct);
        }

        var packed = scratch.Get(rows);
        var present = Levels(column, rows, column.Values, packed, static v => v);
        return rowGroup.WriteAllPartsAsync<T>(field, packed.AsMemory(0, present), levels.AsMemory(0, rows), null, ct);
    }

    /// <summary>Fills the shared definition levels for <paramref name="column"/> and packs its present values, converted; returns how many.</summary>
    private int Levels<TSource, TTarget>(Column column, int rows, ReadOnlySpan<TSource> values, TTarget[] packed, Func<TSource, TTarget> convert)
    {
        var levels = _scratch.Levels.Get(rows);
        var present = 0;
        for (var i = 0; i < rows; i++)
        {
            if (column.IsNull(i))
            {
                levels[i] = 0;
            }
            else
            {
                levels[i] = 1;
                packed[present++] = convert(values[i]);
            }
        }

        return present;
    }

    /// <summary>One reusable array per element type, shared by all columns of that type (columns are written one at a time).</summary>
    private sealed class Scratch<T>
    {
        private T[] _array = [];

        public T[] Get(int length)
        {
            if (_array.Length < length)
            {
                _array = new T[length];
            }

            return _array;
        }
    }

    private sealed class ScratchBuffers
    {
        public Scratch<int> Levels { get; } = new();

        public Scratch<bool> Booleans { get; } = new();

        public Scratch<double> Doubles { get; } = new();

        public Scratch<long> Longs { get; } = new();

        public Scratch<DateTime> DateTimes { get; } = new();

        public Scratch<DateOnly> Dates { get; } = new();

        public Scratch<string?> Strings { get; } = new();
    }
}
