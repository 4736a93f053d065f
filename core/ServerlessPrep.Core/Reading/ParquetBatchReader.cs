using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Parquet;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading.Pages;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Reading;

/// <summary>
/// Reads a Parquet object row group by row group. With <see cref="ReaderOptions.DecodeParquetPages"/> (the default), flat columns
/// are decoded page by page by <see cref="PageColumnDecoder"/> and each row group is yielded in batches of at most
/// <see cref="ReaderOptions.ChunkRows"/> rows; a column chunk the decoder does not handle is read whole by Parquet.Net's low-level
/// typed API and cut into the same batches. Without it, Parquet.Net reads every chunk and each non-empty row group is one batch.
/// Column buffers are reused, and the previous row group's text values are released before the next one is read
/// (see <see cref="ReaderOptions.CollectAfterRowGroupRows"/>).
/// </summary>
internal sealed class ParquetBatchReader : IBatchReader, IRowSeekableReader
{
    private const int MagicLength = 4;

    private readonly ParquetReader _reader;
    private readonly Stream? _ownedStream;
    private readonly string _objectKey;
    private readonly IReadOnlyList<ParquetColumnPlan> _plans;
    private readonly IReadOnlyList<Parquet.Schema.Field> _fields;
    private readonly PageColumnDecoder?[]? _decoders;
    private readonly PageDecompressor _decompressor = new();
    private readonly int _chunkRows;
    private readonly int _collectAfterRows;
    private bool _started;
    private int _firstGroup;
    private long _firstGroupRow;

    private ParquetBatchReader(
        ParquetReader reader, Stream stream, Stream? ownedStream, string objectKey, IReadOnlyList<ParquetColumnPlan> plans,
        IReadOnlyList<Parquet.Schema.Field> fields, ReadDiagnostics diagnostics, ReaderOptions options)
    {
        _collectAfterRows = options.CollectAfterRowGroupRows;
        _chunkRows = options.ChunkRows;
        _reader = reader;
        _ownedStream = ownedStream;
        _objectKey = objectKey;
        _plans = plans;
        _fields = fields;
        if (options.DecodeParquetPages)
        {
            _decoders = new PageColumnDecoder?[plans.Count];
            for (var i = 0; i < plans.Count; i++)
            {
                if (PageValueMappings.For(fields[i], plans[i]) is { } mapping)
                {
                    var maxDefinition = ((Parquet.Schema.DataField)fields[i]).MaxDefinitionLevel;
                    var scale = ((Parquet.Schema.DataField)fields[i]).SchemaElement?.Scale ?? 0;
                    _decoders[i] = new PageColumnDecoder(plans[i].Schema, mapping, maxDefinition, _chunkRows, stream, _decompressor, scale);
                }
            }
        }

        Diagnostics = diagnostics;
        Schema = new BatchSchema(plans.Select(p => p.Schema));
        long rows = 0;
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            rows += reader.RowGroups[i].RowCount;
        }

        TotalRows = rows;
    }

    public InputFormat Format => InputFormat.Parquet;

    public BatchSchema Schema { get; }

    public long? TotalRows { get; }

    public ReadDiagnostics Diagnostics { get; }

    private static ParquetOptions ParquetOptions => new()
    {
        UseDateOnlyTypeForDates = true,
        TreatByteArrayAsString = false,
    };

    public static async Task<IBatchReader> OpenAsync(Stream stream, string objectKey, ReaderOptions options, CancellationToken cancellationToken)
    {
        Stream? owned = null;
        ParquetReader? reader = null;
        try
        {
            if (!stream.CanSeek)
            {
                owned = await SpillAsync(stream, options, cancellationToken).ConfigureAwait(false);
                stream = owned;
            }

            await CheckEnvelopeAsync(stream, objectKey, cancellationToken).ConfigureAwait(false);
            try
            {
                reader = await ParquetReader.CreateAsync(stream, ParquetOptions, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ReadFaults.IsDataFault(e))
            {
                throw new InvalidDataObjectException(objectKey, $"the Parquet footer cannot be read; the file is corrupt or truncated ({e.GetType().Name}: {e.Message}).", inner: e);
            }

            var diagnostics = new ReadDiagnostics(options.MaxExamplesPerColumn);
            var plans = new List<ParquetColumnPlan>();
            var planFields = new List<Parquet.Schema.Field>();
            foreach (var field in Fields(reader, objectKey))
            {
                try
                {
                    if (ParquetPlanBuilder.Build(field, options, diagnostics) is { } plan)
                    {
                        plans.Add(plan);
                        planFields.Add(field);
                    }
                }
                catch (Exception e) when (ReadFaults.IsDataFault(e))
                {
                    throw new InvalidDataObjectException(objectKey, $"the Parquet schema cannot be mapped ({e.GetType().Name}: {e.Message}).", field.Name, inner: e);
                }
            }

            try
            {
                return new ParquetBatchReader(reader, stream, owned, objectKey, plans, planFields, diagnostics, options);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataObjectException(objectKey, $"the Parquet schema cannot be used ({e.Message}).", inner: e);
            }
        }
        catch
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            if (owned is not null)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }

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
        var firstRow = _firstGroupRow;
        var previousRows = 0;
        for (var g = _firstGroup; g < _reader.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var plan in _plans)
            {
                plan.Release();
            }

            if (previousRows > 0 && _collectAfterRows > 0 && previousRows >= _collectAfterRows)
            {
                System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            if (_decoders is not null)
            {
                var rows = _reader.RowGroups[g].RowCount;
                await foreach (var slice in ReadRowGroupInBatchesAsync(g, firstRow, cancellationToken).ConfigureAwait(false))
                {
                    yield return slice;
                }

                firstRow += rows;
                previousRows = (int)Math.Min(rows, int.MaxValue);
                continue;
            }

            var batch = await ReadRowGroupAsync(g, firstRow, cancellationToken).ConfigureAwait(false);
            if (batch is null)
            {
                continue;
            }

            firstRow += batch.RowCount;
            previousRows = batch.RowCount;
            yield return batch;
        }
    }

    /// <summary>One row group as batches of at most <see cref="_chunkRows"/> rows: page-decoded columns, plus whole chunks Parquet.Net read, sliced.</summary>
    private async IAsyncEnumerable<RowBatch> ReadRowGroupInBatchesAsync(int index, long firstRow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var rowGroup = _reader.OpenRowGroupReader(index);
        var rowCount = rowGroup.RowCount;
        if (rowCount == 0)
        {
            yield break;
        }

        var whole = await StartRowGroupAsync(rowGroup, index, firstRow, cancellationToken).ConfigureAwait(false);
        for (long start = 0; start < rowCount; start += _chunkRows)
        {
            var rows = (int)Math.Min(_chunkRows, rowCount - start);
            yield return await ReadBatchAsync(index, whole, (int)start, rows, (int)rowCount, firstRow + start, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Points each page decoder at its chunk; reads the other columns whole. Returns those whole columns (null where a decoder reads).</summary>
    private async Task<Column?[]> StartRowGroupAsync(ParquetRowGroupReader rowGroup, int index, long firstRow, CancellationToken cancellationToken)
    {
        var whole = new Column?[_plans.Count];
        string? column = null;
        try
        {
            var rowCount = checked((int)rowGroup.RowCount);
            for (var i = 0; i < _plans.Count; i++)
            {
                column = _plans[i].Name;
                var metadata = _decoders![i] is null ? null : rowGroup.GetMetadata((Parquet.Schema.DataField)_fields[i])?.MetaData;
                if (_decoders[i] is { } decoder && decoder.CanDecode(metadata, rowCount))
                {
                    decoder.Begin(metadata!, rowCount);
                }
                else
                {
                    whole[i] = await _plans[i].ReadAsync(rowGroup, rowCount, firstRow, Diagnostics, cancellationToken).ConfigureAwait(false);
                }
            }

            return whole;
        }
        catch (Exception e) when (ReadFaults.IsDataFault(e) && e is not InvalidDataObjectException)
        {
            throw new InvalidDataObjectException(
                _objectKey, $"row group {index} cannot be read; the file is corrupt or truncated ({e.GetType().Name}: {e.Message}).", column, inner: e);
        }
    }

    private async Task<RowBatch> ReadBatchAsync(int index, Column?[] whole, int start, int rows, int rowCount, long firstRow, CancellationToken cancellationToken)
    {
        var columns = new Column[_plans.Count];
        var i = 0;
        try
        {
            for (; i < columns.Length; i++)
            {
                columns[i] = whole[i] is { } column
                    ? (rows == rowCount ? column : RowBatchSlicer.Slice(column, start, rows))
                    : await _decoders![i]!.ReadAsync(rows, firstRow, Diagnostics, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (ReadFaults.IsDataFault(e) && e is not InvalidDataObjectException)
        {
            throw new InvalidDataObjectException(
                _objectKey, $"row group {index}, column '{_plans[i].Name}', rows {firstRow + 1}-{firstRow + rows}: {e.Message}.", _plans[i].Name, inner: e);
        }

        return new RowBatch(Schema, columns, rows, firstRow);
    }

    public long SkipTo(long row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        if (_started)
        {
            throw new InvalidOperationException("SkipTo must come before the batches are enumerated.");
        }

        long start = 0;
        var group = 0;
        while (group < _reader.RowGroupCount && start + _reader.RowGroups[group].RowCount <= row)
        {
            start += _reader.RowGroups[group].RowCount;
            group++;
        }

        (_firstGroup, _firstGroupRow) = (group, start);
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        _decompressor.Dispose();
        await _reader.DisposeAsync().ConfigureAwait(false);
        if (_ownedStream is not null)
        {
            await _ownedStream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<RowBatch?> ReadRowGroupAsync(int index, long firstRow, CancellationToken cancellationToken)
    {
        string? column = null;
        try
        {
            using var rowGroup = _reader.OpenRowGroupReader(index);
            var rowCount = checked((int)rowGroup.RowCount);
            if (rowCount == 0)
            {
                return null;
            }

            var columns = new Column[_plans.Count];
            for (var i = 0; i < _plans.Count; i++)
            {
                column = _plans[i].Name;
                columns[i] = await _plans[i].ReadAsync(rowGroup, rowCount, firstRow, Diagnostics, cancellationToken).ConfigureAwait(false);
            }

            return new RowBatch(Schema, columns, rowCount, firstRow);
        }
        catch (Exception e) when (ReadFaults.IsDataFault(e) && e is not InvalidDataObjectException)
        {
            throw new InvalidDataObjectException(
                _objectKey, $"row group {index} cannot be read; the file is corrupt or truncated ({e.GetType().Name}: {e.Message}).", column, inner: e);
        }
    }

    /// <summary>The schema is decoded lazily: a corrupt schema element surfaces here, not when the footer is read.</summary>
    private static Parquet.Schema.Field[] Fields(ParquetReader reader, string objectKey)
    {
        try
        {
            return [.. reader.Schema.Fields];
        }
        catch (Exception e) when (ReadFaults.IsDataFault(e))
        {
            throw new InvalidDataObjectException(objectKey, $"the Parquet schema cannot be decoded; the file is corrupt ({e.GetType().Name}: {e.Message}).", inner: e);
        }
    }

    private static async Task CheckEnvelopeAsync(Stream stream, string objectKey, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var length = stream.Length - start;
        if (length == 0)
        {
            throw new InvalidDataObjectException(objectKey, "the object is empty (0 bytes); expected a Parquet file.");
        }

        var head = new byte[MagicLength];
        var headLength = await stream.ReadAtLeastAsync(head, MagicLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (IsEncrypted(head.AsSpan(0, headLength)))
        {
            throw Encrypted(objectKey);
        }

        if (headLength < MagicLength || !head.AsSpan().SequenceEqual("PAR1"u8))
        {
            throw new InvalidDataObjectException(objectKey, $"not a Parquet file: it starts with {Show(head.AsSpan(0, headLength))} where the magic 'PAR1' was expected.");
        }

        // Smallest valid file: magic, an empty footer's length (4 bytes) and magic again.
        if (length < 3 * MagicLength)
        {
            throw new InvalidDataObjectException(objectKey, $"truncated Parquet file: {length} bytes is too short to hold a footer and the closing 'PAR1' magic.");
        }

        var tail = new byte[2 * MagicLength];
        stream.Position = start + length - tail.Length;
        await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        stream.Position = start;
        var tailMagic = tail.AsSpan(MagicLength);
        if (IsEncrypted(tailMagic))
        {
            throw Encrypted(objectKey);
        }

        if (!tailMagic.SequenceEqual("PAR1"u8))
        {
            throw new InvalidDataObjectException(objectKey, $"truncated or corrupt Parquet file: it ends with {Show(tailMagic)} where the closing magic 'PAR1' was expected.");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 3 * MagicLength)
        {
            throw new InvalidDataObjectException(objectKey, $"corrupt Parquet file: the footer length {footerLength} does not fit in the file's {length} bytes.");
        }

        var footer = new byte[footerLength];
        stream.Position = start + length - tail.Length - footerLength;
        await stream.ReadExactlyAsync(footer, cancellationToken).ConfigureAwait(false);
        stream.Position = start;
        if ((ThriftCompactCheck.Validate(footer) ?? ParquetFooterProbe.Probe(footer)) is { } problem)
        {
            throw new InvalidDataObjectException(objectKey, $"corrupt Parquet footer: {problem}.");
        }
    }

    private static bool IsEncrypted(ReadOnlySpan<byte> magic) => magic.SequenceEqual("PARE"u8);

    private static InvalidDataObjectException Encrypted(string objectKey) =>
        new(objectKey, "the Parquet file is encrypted ('PARE' magic); encrypted Parquet is not supported, so provide the data unencrypted.");

    private static string Show(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "nothing";
        }

        var printable = true;
        foreach (var b in bytes)
        {
            printable &= b is >= 0x20 and < 0x7f;
        }

        return printable ? $"'{Encoding.ASCII.GetString(bytes)}'" : $"0x{Convert.ToHexString(bytes)}";
    }

    private static async Task<Stream> SpillAsync(Stream source, ReaderOptions options, CancellationToken cancellationToken)
    {
        var folder = options.SpillDirectory ?? Path.GetTempPath();
        var path = Path.Combine(folder, $"serverlessprep-{Guid.NewGuid():N}.parquet");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
