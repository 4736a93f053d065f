using System.Buffers.Binary;
using System.Text;

namespace ServerlessPrep.Core.Reading.Pages;

/// <summary>Page loading: headers, dictionary pages, definition levels and the value encodings of each data page.</summary>
internal sealed partial class PageColumnDecoder
{
    private async ValueTask NextDataPageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_pages.HasMorePages)
            {
                throw new InvalidDataException($"the column chunk ends with {_rowsUnpaged} of its rows missing");
            }

            await _pages.NextHeaderAsync(cancellationToken).ConfigureAwait(false);
            var header = _pages.Header;
            if (header.Type == PageType.Index)
            {
                continue;
            }

            if (header.Type != PageType.Dictionary && StreamsValues(header))
            {
                await _pages.ReadStoredBodyAsync(_page, cancellationToken).ConfigureAwait(false);
                LoadStreamedTextPage();
                return;
            }

            await _pages.ReadBodyAsync(_page, cancellationToken).ConfigureAwait(false);
            if (header.Type == PageType.Dictionary)
            {
                LoadDictionary();
                continue;
            }

            LoadDataPage();
            return;
        }
    }

    /// <summary>
    /// Large snappy pages of PLAIN text are not decompressed whole: values are decoded from a <see cref="SnappyWindow"/> as
    /// batches ask for them, so a writer's one-page-per-chunk text column costs its compressed size, not its text.
    /// </summary>
    private bool StreamsValues(PageHeader header) =>
        _mapping == PageValueMapping.String && header.Encoding == PageEncoding.Plain && header.UncompressedSize >= StreamedPageBytes
        && _pages.ValuesCompressedWith(Parquet.Meta.CompressionCodec.SNAPPY);

    private void LoadStreamedTextPage()
    {
        var header = _pages.Header;
        var values = header.ValueCount;
        if (values <= 0 || values > _rowsUnpaged)
        {
            throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} declares {values} values where 1..{_rowsUnpaged} rows are left in the chunk");
        }

        var stored = _page.Bytes.AsMemory(0, header.CompressedSize);
        var present = values;
        _stream ??= new SnappyWindow();
        if (header.Type == PageType.DataV2)
        {
            var start = header.RepetitionLevelsLength;
            if (_maxDefinition > 0)
            {
                present = DecodePageLevels(stored.Span.Slice(start, header.DefinitionLevelsLength), values);
            }

            _stream.Reset(stored[(start + header.DefinitionLevelsLength)..]);
        }
        else
        {
            _stream.Reset(stored);
            if (_maxDefinition > 0)
            {
                if (header.DefinitionLevelEncoding != PageEncoding.Rle)
                {
                    throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} encodes definition levels as {header.DefinitionLevelEncoding}; expected RLE");
                }

                var length = BinaryPrimitives.ReadInt32LittleEndian(_stream.Take(4));
                if (length < 0)
                {
                    throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} declares {length} bytes of definition levels");
                }

                present = DecodePageLevels(_stream.Take(length), values);
            }
        }

        _source = ValueSource.PlainStream;
        (_pageValues, _pageRead, _presentRead) = (values, 0, 0);
        _rowsUnpaged -= values;
    }

    private int DecodePageLevels(ReadOnlySpan<byte> data, int values)
    {
        EnsureLength(ref _levels, values);
        var levels = _levels.AsSpan(0, values);
        DecodeLevels(data, PageEncoding.Rle, levels);
        return levels.Length - levels.Count((byte)0);
    }

    private string NextStreamedText()
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(_stream!.Take(4));
        if (length < 0)
        {
            throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} has a text value of length {length}");
        }

        return Encoding.UTF8.GetString(_stream.Take(length));
    }

    private void LoadDictionary()
    {
        var header = _pages.Header;
        if (_dictionaryCount >= 0)
        {
            throw new InvalidDataException($"a second dictionary page at byte {_pages.HeaderOffset}");
        }

        if (header.Encoding is not (PageEncoding.Plain or PageEncoding.PlainDictionary) || header.ValueCount < 0)
        {
            throw new InvalidDataException($"the dictionary page at byte {_pages.HeaderOffset} has encoding {header.Encoding} and {header.ValueCount} values; expected PLAIN values");
        }

        // The dictionary outlives the data pages that follow it: keep it in its own buffer.
        var bytes = _dictionaryPage.Ensure(_page.Length);
        _page.Span.CopyTo(bytes);
        var count = header.ValueCount;
        var span = _dictionaryPage.Span;
        switch (_mapping)
        {
            case PageValueMapping.String:
                if (count > span.Length / 4)
                {
                    throw new InvalidDataException($"the dictionary page at byte {_pages.HeaderOffset} declares {count} values in {span.Length} bytes");
                }

                EnsureLength(ref _dictionaryStarts, count);
                EnsureLength(ref _dictionaryLengths, count);
                EnsureLength(ref _dictionaryStrings, count);
                Array.Clear(_dictionaryStrings);
                ReadByteArrays(span, 0, count, _dictionaryStarts, _dictionaryLengths, "dictionary");
                break;
            case PageValueMapping.Float or PageValueMapping.Double:
                CheckPlainLength(span.Length, count, "dictionary");
                EnsureLength(ref _dictionaryDoubles, count);
                for (var i = 0; i < count; i++)
                {
                    _dictionaryDoubles[i] = _width == 4 ? BinaryPrimitives.ReadSingleLittleEndian(span[(i * 4)..]) : BinaryPrimitives.ReadDoubleLittleEndian(span[(i * 8)..]);
                }

                break;
            case PageValueMapping.Boolean:
                throw new InvalidDataException($"a dictionary page at byte {_pages.HeaderOffset} for a BOOLEAN column");
            default:
                CheckPlainLength(span.Length, count, "dictionary");
                EnsureLength(ref _dictionaryLongs, count);
                for (var i = 0; i < count; i++)
                {
                    _dictionaryLongs[i] = _width == 4 ? BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]) : BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]);
                }

                break;
        }

        _dictionaryCount = count;
    }

    private void LoadDataPage()
    {
        var header = _pages.Header;
        var values = header.ValueCount;
        if (values <= 0 || values > _rowsUnpaged)
        {
            throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} declares {values} values where 1..{_rowsUnpaged} rows are left in the chunk");
        }

        var page = _page.Span;
        var position = header.Type == PageType.DataV2 ? header.RepetitionLevelsLength : 0;
        var present = values;
        if (_maxDefinition > 0)
        {
            EnsureLength(ref _levels, values);
            var levels = _levels.AsSpan(0, values);
            position = header.Type == PageType.DataV2
                ? DecodeLevels(page.Slice(position, header.DefinitionLevelsLength), PageEncoding.Rle, levels) + position
                : DecodeLevelsV1(page, position, header.DefinitionLevelEncoding, levels);
            present = levels.Length - levels.Count((byte)0);
        }
        else if (header.Type == PageType.DataV2)
        {
            position += header.DefinitionLevelsLength;
        }

        _valuesOffset = position;
        var data = page[position..];
        switch (header.Encoding)
        {
            case PageEncoding.Plain:
                _source = ValueSource.Plain;
                if (_mapping == PageValueMapping.String)
                {
                    EnsureLength(ref _starts, present);
                    EnsureLength(ref _lengths, present);
                    ReadByteArrays(page, position, present, _starts, _lengths, "data");
                }
                else if (_mapping == PageValueMapping.Boolean)
                {
                    if ((present + 7) / 8 > data.Length)
                    {
                        throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} holds {data.Length} bytes for {present} booleans");
                    }
                }
                else
                {
                    CheckPlainLength(data.Length, present, "data");
                }

                break;
            case PageEncoding.PlainDictionary or PageEncoding.RleDictionary:
                if (_dictionaryCount < 0 || data.IsEmpty)
                {
                    throw new InvalidDataException($"the dictionary-encoded data page at byte {_pages.HeaderOffset} has no dictionary page before it");
                }

                EnsureLength(ref _indices, present);
                var indices = _indices.AsSpan(0, present);
                Check(RleBitPackedHybrid.Decode(data[1..], data[0], indices), "dictionary indices");
                foreach (var index in indices)
                {
                    if ((uint)index >= (uint)_dictionaryCount)
                    {
                        throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} refers to dictionary entry {index} of {_dictionaryCount}");
                    }
                }

                _source = ValueSource.Dictionary;
                break;
            case PageEncoding.DeltaBinaryPacked when _width > 0 && _mapping is not (PageValueMapping.Float or PageValueMapping.Double):
                EnsureLength(ref _decoded, present);
                Check(DeltaBinaryPacked.Decode(data, _decoded.AsSpan(0, present), out _), "DELTA_BINARY_PACKED values");
                _source = ValueSource.Decoded;
                break;
            case PageEncoding.ByteStreamSplit when _width > 0:
                EnsureLength(ref _decoded, present);
                Check(ByteStreamSplit.Decode(data, _width, _decoded.AsSpan(0, present)), "BYTE_STREAM_SPLIT values");
                _source = ValueSource.Decoded;
                break;
            case PageEncoding.DeltaLengthByteArray when _mapping == PageValueMapping.String:
                {
                    EnsureLength(ref _decoded, present);
                    EnsureLength(ref _starts, present);
                    EnsureLength(ref _lengths, present);
                    Check(DeltaBinaryPacked.Decode(data, _decoded.AsSpan(0, present), out var lengthsSize), "DELTA_LENGTH_BYTE_ARRAY lengths");
                    var at = position + lengthsSize;
                    for (var i = 0; i < present; i++)
                    {
                        var length = _decoded[i];
                        if (length < 0 || length > page.Length - at)
                        {
                            throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset}: value {i} of {present} ({length} bytes) runs past the page's {page.Length} bytes");
                        }

                        _starts[i] = at;
                        _lengths[i] = (int)length;
                        at += (int)length;
                    }

                    _source = ValueSource.Plain;
                    break;
                }

            case PageEncoding.Rle when _mapping == PageValueMapping.Boolean:
                EnsureLength(ref _indices, present);
                Check(RleBitPackedHybrid.Decode(LengthPrefixed(data), 1, _indices.AsSpan(0, present)), "RLE booleans");
                _source = ValueSource.RleBooleans;
                break;
            default:
                throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} uses encoding {header.Encoding}, which its column chunk's metadata does not list");
        }

        (_pageValues, _pageRead, _presentRead) = (values, 0, 0);
        _rowsUnpaged -= values;
    }

    /// <summary>Data page v1 levels: RLE with a 4-byte length prefix, or the deprecated BIT_PACKED (MSB first, no prefix).</summary>
    private int DecodeLevelsV1(ReadOnlySpan<byte> page, int position, PageEncoding encoding, Span<byte> levels)
    {
        if (encoding == PageEncoding.Rle)
        {
            var prefixed = LengthPrefixed(page[position..]);
            DecodeLevels(prefixed, encoding, levels);
            return position + 4 + prefixed.Length;
        }

        if (encoding != PageEncoding.BitPacked)
        {
            throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} encodes definition levels as {encoding}; expected RLE or BIT_PACKED");
        }

        var bytes = (levels.Length + 7) / 8;
        if (bytes > page.Length - position)
        {
            throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} is too short for its {levels.Length} bit-packed definition levels");
        }

        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = (byte)((page[position + (i >> 3)] >> (7 - (i & 7))) & 1);
        }

        return position + bytes;
    }

    private int DecodeLevels(ReadOnlySpan<byte> data, PageEncoding encoding, Span<byte> levels)
    {
        Check(RleBitPackedHybrid.Decode(data, 1, levels), $"{encoding} definition levels");
        foreach (var level in levels)
        {
            if (level > _maxDefinition)
            {
                throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} has definition level {level}; the column's maximum is {_maxDefinition}");
            }
        }

        return data.Length;
    }

    private ReadOnlySpan<byte> LengthPrefixed(ReadOnlySpan<byte> data)
    {
        var length = data.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(data) : -1;
        if (length < 0 || length > data.Length - 4)
        {
            throw new InvalidDataException($"the data page at byte {_pages.HeaderOffset} declares {length} bytes of RLE data with {Math.Max(0, data.Length - 4)} left");
        }

        return data.Slice(4, length);
    }

    private void ReadByteArrays(ReadOnlySpan<byte> page, int position, int count, int[] starts, int[] lengths, string what)
    {
        for (var i = 0; i < count; i++)
        {
            var length = position <= page.Length - 4 ? BinaryPrimitives.ReadInt32LittleEndian(page[position..]) : -1;
            if (length < 0 || length > page.Length - position - 4)
            {
                throw new InvalidDataException($"the {what} page at byte {_pages.HeaderOffset}: value {i} of {count} runs past the page's {page.Length} bytes");
            }

            starts[i] = position + 4;
            lengths[i] = length;
            position += 4 + length;
        }
    }

    private void CheckPlainLength(int bytes, int count, string what)
    {
        if ((long)count * _width > bytes)
        {
            throw new InvalidDataException($"the {what} page at byte {_pages.HeaderOffset} holds {bytes} bytes for {count} values of {_width} bytes");
        }
    }

    private void Check(string? problem, string what)
    {
        if (problem is not null)
        {
            throw new InvalidDataException($"the page at byte {_pages.HeaderOffset}: {what}: {problem}");
        }
    }

    private static void EnsureLength<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[PageBuffer.GrownSize(buffer.Length, length)];
        }
    }
}
