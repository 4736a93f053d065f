using Parquet;
using Parquet.Schema;
using ServerlessPrep.Core.Data;

namespace ServerlessPrep.Core.Writing;

/// <summary>
/// Writes <see cref="RowBatch"/>es as one Parquet row group each: snappy, every field nullable, dictionary encoding for
/// string columns. Timestamp → TIMESTAMP(MICROS, UTC); Date → DATE (days); Nested → JSON text as STRING.
/// The same batches and metadata give byte-identical output (metadata is written in ordinal key order).
/// Disposing writes the footer; the caller keeps ownership of the output stream (it must be writable and seekable).
/// </summary>
public sealed class ParquetBatchWriter : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly BatchSchema _schema;
    private readonly DataField[] _fields;
    private readonly object?[] _buffers;
    private bool _disposed;

    private ParquetBatchWriter(ParquetWriter writer, BatchSchema schema, DataField[] fields)
    {
        _writer = writer;
        _schema = schema;
        _fields = fields;
        _buffers = new object?[fields.Length];
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

    private T[] Buffer<T>(int column, int length)
    {
        if (_buffers[column] is T[] existing && existing.Length >= length)
        {
            return existing;
        }

        var created = new T[length];
        _buffers[column] = created;
        return created;
    }

    private async Task WriteColumnAsync(ParquetRowGroupWriter rowGroup, int index, Column column, int rows, CancellationToken ct)
    {
        var field = _fields[index];
        switch (column)
        {
            case BooleanColumn b:
                await rowGroup.WriteAsync<bool>(field, Fill(Buffer<bool?>(index, rows), b), null, null, ct).ConfigureAwait(false);
                break;
            case DoubleColumn d:
                await rowGroup.WriteAsync<double>(field, Fill(Buffer<double?>(index, rows), d), null, null, ct).ConfigureAwait(false);
                break;
            case Int64Column l when l.Kind == DataKind.Int64:
                await rowGroup.WriteAsync<long>(field, Fill(Buffer<long?>(index, rows), l), null, null, ct).ConfigureAwait(false);
                break;
            case Int64Column t when t.Kind == DataKind.Timestamp:
                {
                    var buffer = Buffer<DateTime?>(index, rows);
                    var values = t.Values;
                    for (var i = 0; i < rows; i++)
                    {
                        buffer[i] = t.IsNull(i) ? null : TimeUnits.ToDateTime(values[i]);
                    }

                    await rowGroup.WriteAsync<DateTime>(field, buffer.AsMemory(0, rows), null, null, ct).ConfigureAwait(false);
                    break;
                }

            case Int64Column date:
                {
                    var buffer = Buffer<DateOnly?>(index, rows);
                    var values = date.Values;
                    for (var i = 0; i < rows; i++)
                    {
                        buffer[i] = date.IsNull(i) ? null : DateOnly.FromDateTime(TimeUnits.ToDateTime(values[i]));
                    }

                    await rowGroup.WriteAsync<DateOnly>(field, buffer.AsMemory(0, rows), null, null, ct).ConfigureAwait(false);
                    break;
                }

            case StringColumn s:
                {
                    var buffer = Buffer<string?>(index, rows);
                    s.Values.CopyTo(buffer);
                    await rowGroup.WriteAsync(field, new ArraySegment<string?>(buffer, 0, rows), null).ConfigureAwait(false);
                    break;
                }
            default:
                throw new ArgumentException($"Column '{column.Name}' of type {column.GetType().Name} cannot be written.", nameof(column));
        }
    }

    private static ReadOnlyMemory<T?> Fill<T>(T?[] buffer, PrimitiveColumn<T> column)
        where T : unmanaged
    {
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
        {
            buffer[i] = column.IsNull(i) ? null : values[i];
        }

        return buffer.AsMemory(0, values.Length);
    }
}
