using System.Collections.Concurrent;
using System.Globalization;
using DuckDB.NET.Data;
using Parquet;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Core.Tests.Reading;

/// <summary>Writes Parquet files with DuckDB (an independent writer with its own page layout) and keeps their bytes.</summary>
internal static class DuckDbParquet
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Cache = new(StringComparer.Ordinal);

    /// <summary>The bytes of <c>COPY (<paramref name="select"/>) TO … (FORMAT parquet, <paramref name="options"/>)</c>, written once per recipe.</summary>
    public static byte[] Write(string select, string options)
        => Cache.GetOrAdd(select + "\n" + options, _ => new Lazy<byte[]>(() => WriteNow(select, options))).Value;

    private static byte[] WriteNow(string select, string options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pagetests-{Guid.NewGuid():N}.parquet");
        try
        {
            using var duck = new DuckDBConnection("DataSource=:memory:");
            duck.Open();
            using (var set = duck.CreateCommand())
            {
                // One thread: rows keep their order and the machine stays quiet.
                set.CommandText = "SET threads = 1; SET TimeZone = 'UTC';";
                set.ExecuteNonQuery();
            }

            using var command = duck.CreateCommand();
            command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT parquet, {options})";
            command.ExecuteNonQuery();
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>One page of a column chunk, found by walking the page headers from the chunk's first page (our own Thrift reader).</summary>
internal sealed record ParquetPage(
    int RowGroup, string Column, long Offset, int HeaderLength, int Type, int UncompressedSize, int CompressedSize, int NumValues, int Encoding)
{
    public const int DataPage = 0, DictionaryPage = 2, DataPageV2 = 3;

    public bool IsData => Type is DataPage or DataPageV2;

    /// <summary>Where the page's (possibly compressed) payload starts.</summary>
    public long PayloadOffset => Offset + HeaderLength;
}

/// <summary>Lists the pages of every column chunk. Independent of the code under test: uses only the footer offsets and the Thrift compact protocol.</summary>
internal static class ParquetPages
{
    public static async Task<List<ParquetPage>> ListAsync(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var pages = new List<ParquetPage>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            foreach (var chunk in reader.RowGroups[g].RowGroup.Columns)
            {
                var meta = chunk.MetaData!;
                var column = string.Join('.', meta.PathInSchema);
                var start = meta.DictionaryPageOffset is { } d && d > 0 && d < meta.DataPageOffset ? d : meta.DataPageOffset;
                var end = start + meta.TotalCompressedSize;
                var position = start;
                // Stop at the chunk's end or once its values are all seen, whichever comes first.
                long values = 0;
                while (position < end && values < meta.NumValues)
                {
                    ParquetPage page;
                    try
                    {
                        page = ReadHeader(file, position, g, column);
                    }
                    catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException)
                    {
                        throw new InvalidDataException(
                            $"row group {g}, column '{column}': no page header at {position} after {pages.Count(p => p.RowGroup == g && p.Column == column)} pages "
                            + $"in [{start}, {end}) (dictionary offset {meta.DictionaryPageOffset}, data offset {meta.DataPageOffset}): {e.Message}",
                            e);
                    }

                    if (page.CompressedSize < 0 || page.PayloadOffset + page.CompressedSize > end)
                    {
                        throw new InvalidDataException(
                            $"row group {g}, column '{column}': page at {position} ({page}) does not fit in the chunk [{start}, {end}) "
                            + $"(dictionary offset {meta.DictionaryPageOffset}, data offset {meta.DataPageOffset})");
                    }

                    pages.Add(page);
                    values += page.IsData ? page.NumValues : 0;
                    position = page.PayloadOffset + page.CompressedSize;
                }
            }
        }

        return pages;
    }

    /// <summary>The page header at <paramref name="offset"/>: type (field 1), sizes (2, 3) and the nested header's num_values and encoding.</summary>
    public static ParquetPage ReadHeader(byte[] file, long offset, int rowGroup = -1, string column = "")
    {
        var position = checked((int)offset);
        int type = -1, uncompressed = -1, compressed = -1, numValues = -1, encoding = -1;
        short field = 0;
        while (true)
        {
            var header = file[position++];
            var kind = header & 0x0F;
            if (kind == 0)
            {
                break;
            }

            field = NextField(file, ref position, header, field);
            switch (field, kind)
            {
                case (1, 5):
                    type = (int)ZigZag(file, ref position);
                    break;
                case (2, 5):
                    uncompressed = (int)ZigZag(file, ref position);
                    break;
                case (3, 5):
                    compressed = (int)ZigZag(file, ref position);
                    break;
                case (5 or 7 or 8, 12):
                    (numValues, encoding) = NestedHeader(file, ref position, field);
                    break;
                default:
                    Skip(file, ref position, kind);
                    break;
            }
        }

        return new ParquetPage(rowGroup, column, offset, position - checked((int)offset), type, uncompressed, compressed, numValues, encoding);
    }

    /// <summary>
    /// The byte range of one field's value in the page header at <paramref name="offset"/>, found by its path of field ids
    /// (e.g. 3 = compressed_page_size; 7, 1 = the dictionary page header's num_values).
    /// </summary>
    public static (int Start, int Length) FieldRange(byte[] file, long offset, params short[] path)
    {
        var position = checked((int)offset);
        for (var depth = 0; depth < path.Length; depth++)
        {
            short field = 0;
            while (true)
            {
                var header = file[position++];
                var kind = header & 0x0F;
                if (kind == 0)
                {
                    throw new InvalidOperationException($"page header at {offset} has no field {string.Join('.', path)}");
                }

                field = NextField(file, ref position, header, field);
                if (field != path[depth])
                {
                    Skip(file, ref position, kind);
                    continue;
                }

                if (depth < path.Length - 1)
                {
                    break; // descend into the struct that starts here
                }

                var start = position;
                Skip(file, ref position, kind);
                return (start, position - start);
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Writes <paramref name="value"/> as a zigzag varint of exactly <paramref name="length"/> bytes (padding with continuation bytes).</summary>
    public static void WriteZigZagPadded(byte[] file, int start, int length, int value)
    {
        var v = (ulong)(((long)value << 1) ^ ((long)value >> 63));
        for (var i = 0; i < length; i++)
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            file[start + i] = i < length - 1 ? (byte)(b | 0x80) : b;
        }

        if (v != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in {length} varint bytes");
        }
    }

    private static (int NumValues, int Encoding) NestedHeader(byte[] file, ref int position, short outer)
    {
        int numValues = -1, encoding = -1;
        short field = 0;
        while (true)
        {
            var header = file[position++];
            var kind = header & 0x0F;
            if (kind == 0)
            {
                return (numValues, encoding);
            }

            field = NextField(file, ref position, header, field);
            if (field == 1 && kind == 5)
            {
                numValues = (int)ZigZag(file, ref position);
            }
            else if (kind == 5 && ((outer != 8 && field == 2) || (outer == 8 && field == 4)))
            {
                encoding = (int)ZigZag(file, ref position);
            }
            else
            {
                Skip(file, ref position, kind);
            }
        }
    }

    private static short NextField(byte[] file, ref int position, byte header, short previous)
        => header >> 4 is var delta and > 0 ? (short)(previous + delta) : (short)ZigZag(file, ref position);

    private static void Skip(byte[] file, ref int position, int kind)
    {
        switch (kind)
        {
            case 1 or 2:
                break;
            case 3:
                position++;
                break;
            case 4 or 5 or 6:
                Varint(file, ref position);
                break;
            case 7:
                position += 8;
                break;
            case 8:
                var length = checked((int)Varint(file, ref position)); // read before adding: the varint moves position
                position += length;
                break;
            case 9 or 10:
                var head = file[position++];
                var count = head >> 4 == 15 ? (int)Varint(file, ref position) : head >> 4;
                for (var i = 0; i < count; i++)
                {
                    Skip(file, ref position, head & 0x0F);
                }

                break;
            case 12:
                short field = 0;
                while (file[position++] is var h && (h & 0x0F) != 0)
                {
                    field = NextField(file, ref position, h, field);
                    Skip(file, ref position, h & 0x0F);
                }

                break;
            default:
                throw new InvalidDataException($"Thrift type {kind} not expected in a page header");
        }
    }

    private static long ZigZag(byte[] file, ref int position)
    {
        var v = Varint(file, ref position);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    private static ulong Varint(byte[] file, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = file[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }
}

/// <summary>What a reader produced: schema, rows, batches and diagnostics, copied out so two reads can be compared.</summary>
internal sealed record ReadResult(
    IReadOnlyList<ColumnSchema> Schema, long? TotalRows, List<object?[]> Rows, List<(long First, int Rows)> Batches, ReadDiagnostics Diagnostics, long StartRow)
{
    public object? Value(int row, string column) => Rows[row][Schema.ToList().FindIndex(c => c.Name == column)];
}

/// <summary>Reads a file with the old whole-chunk path and with the page decoder, and asserts both read the same thing.</summary>
internal static class PageDecodingDiff
{
    public const string Key = "t/page-decoding.parquet";

    public static ReaderOptions Old { get; } = new() { DecodeParquetPages = false };

    public static ReaderOptions PageDecoder(int chunkRows) => new() { DecodeParquetPages = true, ChunkRows = chunkRows };

    public static async Task<ReadResult> ReadAsync(byte[] file, ReaderOptions options, long? skipTo = null, bool forwardOnly = false)
    {
        Stream stream = forwardOnly ? new ForwardOnlyStream(file) : new MemoryStream(file, writable: false);
        await using var reader = await ReaderTestHelpers.OpenAsync(stream, Key, InputFormat.Parquet, options: options);
        long start = 0;
        if (skipTo is { } row)
        {
            start = ((IRowSeekableReader)reader).SkipTo(row);
        }

        var rows = new List<object?[]>();
        var batches = new List<(long, int)>();
        await foreach (var batch in reader.ReadBatchesAsync(CancellationToken.None))
        {
            batches.Add((batch.FirstRowIndex, batch.RowCount));
            Assert.Equal(reader.Schema.Count, batch.Columns.Length);
            for (var r = 0; r < batch.RowCount; r++)
            {
                var values = new object?[batch.Columns.Length];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = batch.Columns[c].GetValue(r);
                    Assert.Equal(values[c] is null, batch.Columns[c].IsNull(r));
                }

                rows.Add(values);
            }
        }

        return new ReadResult([.. reader.Schema.Columns], reader.TotalRows, rows, batches, reader.Diagnostics, start);
    }

    /// <summary>
    /// The differential check with an oracle (<paramref name="check"/>: the values the file was written with) for files the old
    /// path (Parquet.Net) cannot read or misreads. Both paths read the same: they must also pass the oracle. The old path fails:
    /// the page decoder must fail the same way (an <see cref="InvalidDataObjectException"/> naming the same column) or pass the
    /// oracle. They read different values: the page decoder must pass the oracle and the old path must not (the old path is the
    /// one that is wrong). Returns the page decoder's result, or null when both failed.
    /// </summary>
    public static async Task<ReadResult?> AssertSameOrSameFailureAsync(byte[] file, int chunkRows, Action<ReadResult> check)
    {
        InvalidDataObjectException? oldFailure = null;
        ReadResult? old = null;
        try
        {
            old = await ReadAsync(file, Old);
        }
        catch (InvalidDataObjectException e)
        {
            oldFailure = e;
        }

        if (old is not null)
        {
            var pagesRead = await ReadAsync(file, PageDecoder(chunkRows));
            if (!SameRows(old, pagesRead))
            {
                check(pagesRead);
                var oldIsWrong = false;
                try
                {
                    check(old);
                }
                catch (Xunit.Sdk.XunitException)
                {
                    oldIsWrong = true;
                }

                Assert.True(oldIsWrong, "the paths read different values yet both pass the check");
                Assert.Equal(old.Schema, pagesRead.Schema);
                AssertBatches(pagesRead, chunkRows);
                return pagesRead;
            }

            var same = await AssertSameAsync(old, file, chunkRows);
            check(same);
            return same;
        }

        ReadResult pages;
        try
        {
            pages = await ReadAsync(file, PageDecoder(chunkRows));
        }
        catch (InvalidDataObjectException e)
        {
            Assert.True(oldFailure!.Column == e.Column, $"old path failed on column '{oldFailure.Column}' ({oldFailure.Message}), page decoder on '{e.Column}' ({e.Message})");
            return null;
        }

        AssertBatches(pages, chunkRows);
        check(pages);
        return pages;
    }

    /// <summary>Reads <paramref name="file"/> both ways, asserts they agree, and returns the page decoder's result.</summary>
    public static async Task<ReadResult> AssertSameAsync(byte[] file, int chunkRows, long? skipTo = null)
        => await AssertSameAsync(await ReadAsync(file, Old, skipTo), file, chunkRows, skipTo);

    private static async Task<ReadResult> AssertSameAsync(ReadResult old, byte[] file, int chunkRows, long? skipTo = null)
    {
        var pages = await ReadAsync(file, PageDecoder(chunkRows), skipTo);

        Assert.Equal(old.Schema, pages.Schema);
        Assert.Equal(old.TotalRows, pages.TotalRows);
        Assert.Equal(old.StartRow, pages.StartRow);
        AssertSameRows(old, pages);
        AssertSameDiagnostics(old.Diagnostics, pages.Diagnostics);
        AssertBatches(pages, chunkRows);
        return pages;
    }

    public static void AssertBatches(ReadResult pages, int chunkRows)
    {
        // Batches: none empty, none over ChunkRows, numbered without gaps from the first row read.
        var next = pages.StartRow;
        foreach (var (first, rows) in pages.Batches)
        {
            Assert.Equal(next, first);
            Assert.InRange(rows, 1, chunkRows);
            next += rows;
        }

        Assert.Equal(pages.TotalRows, next);
        Assert.Equal(pages.TotalRows - pages.StartRow, pages.Rows.Count);
    }

    public static bool SameRows(ReadResult a, ReadResult b)
        => a.Rows.Count == b.Rows.Count && a.Rows.Zip(b.Rows).All(pair => pair.First.Length == pair.Second.Length && pair.First.Zip(pair.Second).All(v => Equals(v.First, v.Second)));

    public static void AssertSameRows(ReadResult expected, ReadResult actual)
    {
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (var r = 0; r < expected.Rows.Count; r++)
        {
            for (var c = 0; c < expected.Schema.Count; c++)
            {
                var e = expected.Rows[r][c];
                var a = actual.Rows[r][c];
                if (!Equals(e, a))
                {
                    Assert.Fail($"row {expected.StartRow + r}, column '{expected.Schema[c].Name}' ({expected.Schema[c].SourceType}): expected {Show(e)}, got {Show(a)}");
                }
            }
        }
    }

    /// <summary>The columns of <paramref name="expected"/> (by name) hold the same values in <paramref name="actual"/>, which may have more columns.</summary>
    public static void AssertSameColumnsByName(ReadResult expected, ReadResult actual)
    {
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        var names = actual.Schema.Select(c => c.Name).ToList();
        for (var c = 0; c < expected.Schema.Count; c++)
        {
            var a = names.IndexOf(expected.Schema[c].Name);
            Assert.True(a >= 0, $"column '{expected.Schema[c].Name}' missing");
            for (var r = 0; r < expected.Rows.Count; r++)
            {
                if (!Equals(expected.Rows[r][c], actual.Rows[r][a]))
                {
                    Assert.Fail($"row {r}, column '{expected.Schema[c].Name}': expected {Show(expected.Rows[r][c])}, got {Show(actual.Rows[r][a])}");
                }
            }
        }
    }

    public static void AssertSameDiagnostics(ReadDiagnostics expected, ReadDiagnostics actual)
    {
        Assert.Equal(expected.Notes, actual.Notes);
        Assert.Equal(expected.Unparsed.Keys.Order(StringComparer.Ordinal), actual.Unparsed.Keys.Order(StringComparer.Ordinal));
        foreach (var (column, values) in expected.Unparsed)
        {
            Assert.Equal(values.Count, actual.Unparsed[column].Count);
            Assert.Equal(values.Examples, actual.Unparsed[column].Examples);
        }
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\" (string)",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => $"{value} ({value.GetType().Name})",
    };
}
