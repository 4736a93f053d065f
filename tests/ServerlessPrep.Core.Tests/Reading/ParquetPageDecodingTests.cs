using Parquet;
using Parquet.Schema;
using ParquetSharp;
using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;
using static ServerlessPrep.Core.Tests.Reading.PageDecodingDiff;

namespace ServerlessPrep.Core.Tests.Reading;

/// <summary>
/// Differential tests of the page-by-page Parquet decoder (<see cref="ReaderOptions.DecodeParquetPages"/>): every file is read
/// with the old whole-chunk path and with the decoder at a small <see cref="ReaderOptions.ChunkRows"/>, and both must give the same
/// schema, rows, diagnostics and row numbers. A few tests also check values computed without any reader.
/// </summary>
public sealed class ParquetPageDecodingTests
{
    /// <summary>10,000 rows of every flat type DuckDB writes, each also with NULLs, plus all-NULL columns.</summary>
    internal const string FlatSelect = """
        SELECT
          i * 1000003 - 5000000000 AS c_bigint,
          CASE WHEN i % 7 = 0 THEN NULL ELSE i * -31 END AS c_bigint_n,
          (i * 37 - 100000)::INTEGER AS c_int,
          CASE WHEN i % 7 = 1 THEN NULL ELSE (i * 37 - 100000)::INTEGER END AS c_int_n,
          (i % 60000 - 30000)::SMALLINT AS c_small,
          CASE WHEN i % 7 = 2 THEN NULL ELSE (i % 60000 - 30000)::SMALLINT END AS c_small_n,
          (i % 256 - 128)::TINYINT AS c_tiny,
          CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 256 - 128)::TINYINT END AS c_tiny_n,
          CASE WHEN i % 1000 = 999 THEN 18446744073709551615::UBIGINT ELSE (i * 3)::UBIGINT END AS c_ubig,
          CASE WHEN i % 7 = 4 THEN NULL ELSE (i * 400000)::UINTEGER END AS c_uint_n,
          i * 0.25 - 1000.5 AS c_double,
          CASE WHEN i % 7 = 5 THEN NULL WHEN i % 501 = 0 THEN 'NaN'::DOUBLE WHEN i % 503 = 0 THEN '-inf'::DOUBLE ELSE sqrt(i) END AS c_double_n,
          (i / 8.0)::FLOAT AS c_float,
          CASE WHEN i % 7 = 6 THEN NULL ELSE (i * 1.5)::FLOAT END AS c_float_n,
          i % 3 = 0 AS c_bool,
          CASE WHEN i % 11 = 0 THEN NULL ELSE i % 2 = 0 END AS c_bool_n,
          ['red', 'green', 'blue', 'amber', 'violet'][i % 5 + 1] AS c_dict,
          CASE WHEN i % 7 = 0 THEN NULL ELSE 'cat-' || (i % 17) END AS c_dict_n,
          'row-' || i || '-' || md5(i::VARCHAR) AS c_unique,
          CASE WHEN i % 7 = 1 THEN NULL WHEN i % 13 = 0 THEN '' ELSE 'é✓' || i || '日本語🙂' END AS c_unicode_n,
          DATE '2000-01-01' + (i % 20000)::INTEGER AS c_date,
          CASE WHEN i % 7 = 2 THEN NULL ELSE DATE '1960-01-01' + i::INTEGER END AS c_date_n,
          TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(i * 1234567) AS c_ts,
          CASE WHEN i % 7 = 3 THEN NULL ELSE TIMESTAMP '1969-12-31 23:00:00' + to_microseconds(i * 1000003) END AS c_ts_n,
          (TIMESTAMP '2021-06-01 00:00:00' + to_milliseconds(i * 1001))::TIMESTAMP_MS AS c_ts_ms,
          CASE WHEN i % 7 = 4 THEN NULL ELSE (TIMESTAMP '1965-06-01 00:00:00' + to_microseconds(i * 1001))::TIMESTAMP_NS END AS c_ts_ns_n,
          CASE WHEN i % 7 = 5 THEN NULL ELSE TIMESTAMPTZ '2022-03-04 05:06:07+00' + to_microseconds(i * 999) END AS c_tstz_n,
          (i * 1.001)::DECIMAL(18,3) AS c_dec,
          CASE WHEN i % 7 = 6 THEN NULL ELSE (i * -7.125)::DECIMAL(18,3) END AS c_dec_n,
          NULL::INTEGER AS c_null_int,
          NULL::VARCHAR AS c_null_str
        FROM range(10000) t(i)
        """;

    private static readonly string WithoutDatesAndTimes = string.Join(
        '\n', FlatSelect.Split('\n').Where(line => !line.Contains("AS c_date", StringComparison.Ordinal) && !line.Contains("AS c_ts", StringComparison.Ordinal)
            && !line.Contains("AS c_dec", StringComparison.Ordinal)));

    /// <summary>Flat columns on both sides of a LIST and a STRUCT column (read whole by Parquet.Net, then sliced).</summary>
    private const string NestedSelect = """
        SELECT
          i AS id,
          CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1, i % 3] END AS c_list,
          'name-' || (i % 40) AS c_name,
          CASE WHEN i % 6 = 0 THEN NULL ELSE {'a': i, 'b': 'x' || i} END AS c_struct,
          CASE WHEN i % 4 = 0 THEN NULL ELSE i * 0.5 END AS c_double
        FROM range(10000) t(i)
        """;

    /// <summary>Codec, ChunkRows, rows and row group size (DuckDB's brotli writer is slow: fewer rows keep the test fast).</summary>
    public static TheoryData<string, int, int, int> DuckDbCompressions => new()
    {
        { "uncompressed", 1000, 10_000, 3000 },
        { "snappy", 777, 10_000, 3000 },
        { "gzip", 1000, 10_000, 3000 },
        { "zstd", 777, 10_000, 3000 },
        { "brotli", 1000, 2100, 2048 },
        { "lz4_raw", 777, 10_000, 3000 },
    };

    public static TheoryData<Compression, ParquetDataPageVersion> ArrowMatrix
    {
        get
        {
            var data = new TheoryData<Compression, ParquetDataPageVersion>();
            foreach (var compression in new[] { Compression.Uncompressed, Compression.Snappy, Compression.Gzip, Compression.Zstd, Compression.Brotli, Compression.Lz4, Compression.Lz4Hadoop })
            {
                data.Add(compression, ParquetDataPageVersion.V1);
                data.Add(compression, ParquetDataPageVersion.V2);
            }

            return data;
        }
    }

    public static TheoryData<CompressionMethod> ParquetNetCompressions => new()
    {
        CompressionMethod.None, CompressionMethod.Snappy, CompressionMethod.Gzip, CompressionMethod.Zstd, CompressionMethod.Brotli, CompressionMethod.Lz4Raw,
    };

    // ---- 1. DuckDB-written files ----

    [Theory]
    [MemberData(nameof(DuckDbCompressions))]
    public async Task DuckDb_FlatTypes_EachCompression_ReadTheSameAsTheWholeChunkPath(string compression, int chunkRows, int rows, int rowGroupSize)
    {
        var file = DuckDbParquet.Write(
            FlatSelect.Replace("range(10000)", $"range({rows})", StringComparison.Ordinal), $"COMPRESSION {compression}, ROW_GROUP_SIZE {rowGroupSize}");

        var result = await AssertSameAsync(file, chunkRows);

        Assert.Equal(rows, result.Rows.Count);
        Assert.True((await ParquetPages.ListAsync(file)).Select(p => p.RowGroup).Distinct().Count() >= 2, "expected several row groups");
    }

    [Theory]
    [InlineData("snappy", 1000)]
    [InlineData("zstd", 777)]
    [InlineData("uncompressed", 4096)]
    public async Task DuckDb_ParquetV2_DeltaAndByteStreamSplitEncodings_ReadTheSame(string compression, int chunkRows)
    {
        // Parquet.Net cannot read DATE, TIMESTAMP or DECIMAL columns in DELTA_BINARY_PACKED ("element type … is not supported"),
        // so the file without those columns is compared across paths, and the whole file, which only the page decoder reads,
        // against the same rows written by DuckDB with V1 encodings and read by Parquet.Net.
        var file = DuckDbParquet.Write(FlatSelect, $"COMPRESSION {compression}, ROW_GROUP_SIZE 3000, PARQUET_VERSION V2");
        var withoutDatesAndTimes = DuckDbParquet.Write(WithoutDatesAndTimes, $"COMPRESSION {compression}, ROW_GROUP_SIZE 3000, PARQUET_VERSION V2");
        var encodings = (await ParquetPages.ListAsync(file)).Where(p => p.IsData).Select(p => p.Encoding).ToHashSet();

        // DuckDB 1.5's V2 writes DELTA_BINARY_PACKED (5), DELTA_LENGTH_BYTE_ARRAY (6) and BYTE_STREAM_SPLIT (9), in v1 page headers.
        Assert.Superset(new HashSet<int> { 5, 6, 9 }, encodings);
        var result = await AssertSameAsync(withoutDatesAndTimes, chunkRows);
        Assert.Equal(10_000, result.Rows.Count);

        var expected = await ReadAsync(DuckDbParquet.Write(FlatSelect, $"COMPRESSION {compression}, ROW_GROUP_SIZE 3000"), Old);
        var pages = await ReadAsync(file, PageDecoder(chunkRows));
        Assert.Equal(expected.Schema, pages.Schema);
        AssertSameRows(expected, pages);
        AssertBatches(pages, chunkRows);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(333)]
    public async Task DuckDb_NestedColumnsNextToFlatOnes_ReadTheSame(int chunkRows)
    {
        var file = DuckDbParquet.Write(NestedSelect, "COMPRESSION snappy, ROW_GROUP_SIZE 3000");

        var result = await AssertSameAsync(file, chunkRows);

        Assert.Equal(DataKind.Nested, result.Schema.Single(c => c.Name == "c_list").Kind);
        Assert.Equal(DataKind.Nested, result.Schema.Single(c => c.Name == "c_struct").Kind);
        Assert.Null(result.Value(5000, "c_list"));
        Assert.Equal("name-" + (5001 % 40), result.Value(5001, "c_name"));
        Assert.Equal(5001 * 0.5, result.Value(5001, "c_double"));
    }

    [Theory]
    [InlineData("snappy")]
    [InlineData("lz4_raw")]
    public async Task DuckDb_MegabytePages_RepetitiveAndRandomStrings_ReadTheSame(string compression)
    {
        // One row group, so one page per column of up to ~6 MB: Snappy blocks far past 64 KiB, long literals (4-byte lengths),
        // and back-references that overlap what they write (short repeated patterns).
        const string select = """
            SELECT
              i AS id,
              repeat('xy', (i % 300)::INTEGER) || i AS c_pattern,
              repeat(chr((65 + i % 26)::INTEGER), 200) || i AS c_run,
              md5(i::VARCHAR) || md5((i * 7)::VARCHAR) AS c_noise,
              CASE WHEN i % 1000 = 0 THEN NULL ELSE i * 7 END AS c_n
            FROM range(20000) t(i)
            """;
        var file = DuckDbParquet.Write(select, $"COMPRESSION {compression}, ROW_GROUP_SIZE 20480");
        var pages = await ParquetPages.ListAsync(file);
        Assert.Contains(pages, p => p.Column == "c_pattern" && p.IsData && p.UncompressedSize > 5_000_000);
        Assert.Contains(pages, p => p.Column == "c_noise" && p.IsData && p.UncompressedSize > 1_000_000);

        var result = await AssertSameAsync(file, 4096);

        Assert.Equal(string.Concat(Enumerable.Repeat("xy", 299)) + "299", result.Value(299, "c_pattern"));
        Assert.Equal(new string('Z', 200) + "25", result.Value(25, "c_run"));
    }

    [Fact]
    public async Task DuckDb_FlatTypes_PageDecoderValues_MatchTheValuesDuckDbWasGiven()
    {
        var file = DuckDbParquet.Write(FlatSelect, "COMPRESSION snappy, ROW_GROUP_SIZE 3000");

        var result = await ReadAsync(file, PageDecoder(777));

        Assert.Equal(10_000, result.Rows.Count);
        var dateEpoch = new DateOnly(1970, 1, 1).DayNumber;
        const long microsPerDay = 86_400_000_000;
        var ts2020 = (new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10;
        var ts1969 = (new DateTime(1969, 12, 31, 23, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10;
        var ts1965 = (new DateTime(1965, 6, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10;
        var ts2021 = (new DateTime(2021, 6, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10;
        var tstz = (new DateTime(2022, 3, 4, 5, 6, 7, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10;
        string[] colors = ["red", "green", "blue", "amber", "violet"];
        for (var i = 0; i < 10_000; i++)
        {
            Expect(i, "c_bigint", i * 1000003L - 5_000_000_000L);
            Expect(i, "c_bigint_n", i % 7 == 0 ? null : i * -31L);
            Expect(i, "c_int_n", i % 7 == 1 ? null : (long)(i * 37 - 100_000));
            Expect(i, "c_small", (long)(i % 60000 - 30000));
            Expect(i, "c_tiny_n", i % 7 == 3 ? null : (long)(i % 256 - 128));
            Expect(i, "c_ubig", i % 1000 == 999 ? null : i * 3L);
            Expect(i, "c_uint_n", i % 7 == 4 ? null : i * 400_000L);
            Expect(i, "c_double", i * 0.25 - 1000.5);
            Expect(i, "c_double_n", i % 7 == 5 ? null : i % 501 == 0 ? double.NaN : i % 503 == 0 ? double.NegativeInfinity : Math.Sqrt(i));
            Expect(i, "c_float_n", i % 7 == 6 ? null : (double)(float)(i * 1.5));
            Expect(i, "c_bool", i % 3 == 0);
            Expect(i, "c_bool_n", i % 11 == 0 ? null : i % 2 == 0);
            Expect(i, "c_dict", colors[i % 5]);
            Expect(i, "c_dict_n", i % 7 == 0 ? null : $"cat-{i % 17}");
            Expect(i, "c_unicode_n", i % 7 == 1 ? null : i % 13 == 0 ? string.Empty : $"é✓{i}日本語🙂");
            Expect(i, "c_date", (new DateOnly(2000, 1, 1).AddDays(i % 20000).DayNumber - dateEpoch) * microsPerDay);
            Expect(i, "c_date_n", i % 7 == 2 ? null : (new DateOnly(1960, 1, 1).AddDays(i).DayNumber - dateEpoch) * microsPerDay);
            Expect(i, "c_ts", ts2020 + (i * 1234567L));
            Expect(i, "c_ts_n", i % 7 == 3 ? null : ts1969 + (i * 1000003L));
            Expect(i, "c_ts_ms", ts2021 + (i * 1001L * 1000));
            Expect(i, "c_ts_ns_n", i % 7 == 4 ? null : ts1965 + (i * 1001L));
            Expect(i, "c_tstz_n", i % 7 == 5 ? null : tstz + (i * 999L));
            Expect(i, "c_null_int", null);
            Expect(i, "c_null_str", null);
        }

        var unparsed = result.Diagnostics.Unparsed["c_ubig"];
        Assert.Equal(10, unparsed.Count);
        Assert.Equal(1000, unparsed.Examples[0].Line);
        Assert.Equal("18446744073709551615", unparsed.Examples[0].Text);
        Assert.Single(result.Diagnostics.Unparsed);

        void Expect(int row, string column, object? value)
        {
            if (column.StartsWith("c_date", StringComparison.Ordinal) || column.StartsWith("c_ts", StringComparison.Ordinal))
            {
                value = value is long micros ? DateTime.UnixEpoch.AddTicks(micros * 10) : null;
            }

            var actual = result.Value(row, column);
            if (!Equals(value, actual))
            {
                Assert.Fail($"row {row}, column '{column}': expected {Show(value)}, got {Show(actual)}");
            }
        }
    }

    // ---- Files cut into many small pages (Arrow's writer): what the decoder exists for ----

    [Fact]
    public async Task ArrowFiles_HaveTheLayoutsTheMatrixIsMeantToCover()
    {
        var v1 = await ParquetPages.ListAsync(ArrowParquetFiles.Write(new()));
        var v2 = await ParquetPages.ListAsync(ArrowParquetFiles.Write(new(PageVersion: ParquetDataPageVersion.V2)));

        // Many data pages per chunk, v1 and v2 page headers, and chunks that start with dictionary pages and fall back to PLAIN.
        Assert.All(v1.Where(p => p.Column == "id").GroupBy(p => p.RowGroup), chunk => Assert.True(chunk.Count() >= 10));
        Assert.All(v1.Where(p => p.IsData), p => Assert.Equal(ParquetPage.DataPage, p.Type));
        Assert.All(v2.Where(p => p.IsData), p => Assert.Equal(ParquetPage.DataPageV2, p.Type));
        var fallback = v1.Where(p => p.Column == "s_fallback" && p.RowGroup == 0).ToList();
        Assert.Equal(ParquetPage.DictionaryPage, fallback[0].Type);
        Assert.Contains(fallback, p => p.IsData && p.Encoding == 8);
        Assert.Contains(fallback, p => p.IsData && p.Encoding == 0);
        Assert.Contains(v1, p => p.Column == "n_long" && p.IsData && p.Encoding == 8);
    }

    [Theory]
    [MemberData(nameof(ArrowMatrix))]
    public async Task ArrowFiles_ManyPagesPerChunk_EachCodecAndPageVersion_ReadTheSame(Compression compression, ParquetDataPageVersion version)
    {
        // Parquet.Net (the old path) cannot read some of these files: booleans in v2 pages (RLE; DivideByZeroException, or wrong
        // values) and Arrow's LZ4_HADOOP chunks. Then the written values decide; the same file without its boolean columns is
        // compared with the old path as well.
        var file = ArrowParquetFiles.Write(new(compression, version));
        var withoutBooleans = ArrowParquetFiles.Write(new(compression, version, Booleans: false));

        await AssertSameOrSameFailureAsync(file, 777, result => AssertArrowValues(result, 0));
        await AssertSameOrSameFailureAsync(withoutBooleans, 777, result => AssertArrowValues(result, 0));
    }

    [Theory]
    [InlineData(ParquetDataPageVersion.V1, 1000)]
    [InlineData(ParquetDataPageVersion.V2, 1000)]
    [InlineData(ParquetDataPageVersion.V1, 4096)]
    [InlineData(ParquetDataPageVersion.V2, 99)]
    public async Task ArrowFiles_PageBoundariesInsideAndAcrossBatches_ReadTheSame(ParquetDataPageVersion version, int chunkRows)
    {
        // Odd write batches make pages of uneven, non-round row counts.
        var file = ArrowParquetFiles.Write(new(Compression.Snappy, version, [2345, 1, 3999], PageBytes: 700, WriteBatch: 37, DictionaryPageLimit: 2000));

        var result = await AssertSameOrSameFailureAsync(file, chunkRows, result => AssertArrowValues(result, 0));

        Assert.NotNull(result); // Parquet.Net reads this file without failing (in v2 it misreads the column 'b': the written values decide)
        await AssertSameAsync(ArrowParquetFiles.Write(new(Compression.Snappy, version, [2345, 1, 3999], 700, 37, 2000, Booleans: false)), chunkRows);
    }

    [Fact]
    public async Task ArrowFiles_PageDecoderValues_MatchTheValuesWritten()
    {
        var file = ArrowParquetFiles.Write(new(Compression.Zstd, ParquetDataPageVersion.V1));

        var result = await ReadAsync(file, PageDecoder(640));

        Assert.Equal(10_000, result.Rows.Count);
        AssertArrowValues(result, 0);
        Assert.Equal(
            [DataKind.Int64, DataKind.Int64, DataKind.Int64, DataKind.Double, DataKind.Double, DataKind.Double, DataKind.Boolean, DataKind.Boolean,
             DataKind.String, DataKind.String, DataKind.String, DataKind.Timestamp, DataKind.Int64, DataKind.Int64, DataKind.Int64, DataKind.Int64, DataKind.Date],
            result.Schema.Select(c => c.Kind));
        Assert.Equal(
            [false, true, true, false, true, true, false, true, true, true, true, true, true, true, true, true, true], result.Schema.Select(c => c.IsNullable));

        // ulong.MaxValue in rows 998, 1998, …: read as missing and counted, with 1-based row numbers as lines.
        var unparsed = result.Diagnostics.Unparsed["n_ulong"];
        Assert.Equal(10, unparsed.Count);
        Assert.Equal([999L, 1999L, 2999L], unparsed.Examples.Select(e => e.Line));
        Assert.All(unparsed.Examples, e => Assert.Equal("18446744073709551615", e.Text));
    }

    [Theory]
    [InlineData(Compression.Snappy, ParquetDataPageVersion.V1, 300)]
    [InlineData(Compression.Zstd, ParquetDataPageVersion.V2, 1000)]
    [InlineData(Compression.Uncompressed, ParquetDataPageVersion.V2, 77)]
    public async Task ArrowEdgeColumns_OneValueDictionaries_NullOnlyChunks_InvalidUtf8_MillisAndNanos_ReadTheSame(
        Compression compression, ParquetDataPageVersion version, int chunkRows)
    {
        var file = ArrowEdgeFiles.Write(compression, version);
        var pages = await ParquetPages.ListAsync(file);
        Assert.Contains(pages, p => p.Column == "const_s" && p.Type == ParquetPage.DictionaryPage && p.NumValues == 1);
        Assert.Contains(pages, p => p.Column == "bad_utf8_dict" && p.Type == ParquetPage.DictionaryPage);

        var result = await AssertSameOrSameFailureAsync(file, chunkRows, read =>
        {
            Assert.Equal(ArrowEdgeFiles.Names, read.Schema.Select(c => c.Name));
            for (var r = 0; r < read.Rows.Count; r++)
            {
                for (var c = 0; c < ArrowEdgeFiles.Names.Length; c++)
                {
                    var expected = ArrowEdgeFiles.Expected(ArrowEdgeFiles.Names[c], r);
                    if (!Equals(expected, read.Rows[r][c]))
                    {
                        Assert.Fail($"row {r}, column '{ArrowEdgeFiles.Names[c]}': expected {Show(expected)}, got {Show(read.Rows[r][c])}");
                    }
                }
            }
        });

        Assert.NotNull(result);
        Assert.Equal(4000, result.Rows.Count);
    }

    [Theory]
    [InlineData("'infinity'::TIMESTAMP")]
    [InlineData("'-infinity'::TIMESTAMP")]
    [InlineData("TIMESTAMP '12000-01-01'")]
    [InlineData("TIMESTAMP_MS '12000-01-01'")]
    [InlineData("'infinity'::TIMESTAMPTZ")]
    [InlineData("'infinity'::DATE")]
    [InlineData("'-infinity'::DATE")]
    [InlineData("DATE '5000000-01-01'")]
    public async Task TemporalValuesOutsideDateTime_PageDecoderReadsThemAsMissingAndCounts(string value)
    {
        // The old path rejects the whole object (Parquet.Net cannot make a DateTime of them); the decoder reads them as
        // missing, counted as unparsed, and reads the rest.
        var inRange = value.Contains("DATE", StringComparison.Ordinal) ? "DATE '2001-02-03'" : "TIMESTAMP '2001-02-03 04:05:06'";
        var file = DuckDbParquet.Write($"SELECT i, CASE WHEN i % 3 = 0 THEN {value} WHEN i % 3 = 1 THEN {inRange} END AS v FROM range(10) t(i)", "COMPRESSION snappy");

        await Assert.ThrowsAsync<ServerlessPrep.Core.InvalidDataObjectException>(() => ReadAsync(file, Old));
        var result = await ReadAsync(file, PageDecoder(4));

        AssertBatches(result, 4);
        var unparsed = result.Diagnostics.Unparsed["v"];
        Assert.Equal(4, unparsed.Count);
        Assert.Equal([1L, 4L, 7L], unparsed.Examples.Select(e => e.Line));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal((long)i, result.Rows[i][0]);
            if (i % 3 == 1)
            {
                Assert.Equal(new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc).Date, ((DateTime)result.Rows[i][1]!).Date);
            }
            else
            {
                Assert.Null(result.Rows[i][1]);
            }
        }
    }

    // ---- 2. Parquet.Net-written files ----

    [Theory]
    [MemberData(nameof(ParquetNetCompressions))]
    public async Task ParquetNetFiles_RequiredAndOptional_SeveralRowGroups_EachCompression_ReadTheSame(CompressionMethod compression)
    {
        var file = await ParquetNetFileAsync(compression, [2500, 2500, 1234]);

        var result = await AssertSameAsync(file, 1000);

        Assert.Equal(6234, result.Rows.Count);
        for (var i = 0; i < result.Rows.Count; i++)
        {
            Assert.Equal(ParquetNetExpected(i), result.Rows[i]);
        }
    }

    // ---- 3. Edge cases ----

    [Fact]
    public async Task EmptyRowGroupBetweenNonEmptyOnes_ReadsTheSame()
    {
        var parquetNet = await ParquetNetFileAsync(CompressionMethod.Snappy, [1500, 0, 1500, 0]);
        var arrow = ArrowParquetFiles.Write(new(RowGroups: [2000, 0, 0, 1500]));

        var a = await AssertSameAsync(parquetNet, 1000);
        var b = await AssertSameAsync(arrow, 1000);

        Assert.Equal(3000, a.Rows.Count);
        Assert.Equal(ParquetNetExpected(1500), a.Rows[1500]);
        Assert.Equal(3500, b.Rows.Count);
        AssertArrowValues(b, 0);
    }

    [Fact]
    public async Task RowGroupsOfExactlyChunkRows_GiveOneFullBatchEach()
    {
        var file = ArrowParquetFiles.Write(new(RowGroups: [1000, 1000, 1000]));

        var result = await AssertSameAsync(file, 1000);

        Assert.Equal([(0L, 1000), (1000L, 1000), (2000L, 1000)], result.Batches);
    }

    [Fact]
    public async Task ChunkRowsOfOne_GivesOneBatchPerRow()
    {
        var file = ArrowParquetFiles.Write(new(Compression.Snappy, ParquetDataPageVersion.V2, [37, 0, 50], PageBytes: 200, WriteBatch: 7, Booleans: false));

        var result = await AssertSameAsync(file, 1);

        Assert.Equal(87, result.Batches.Count);
        Assert.Equal(Enumerable.Range(0, 87).Select(i => ((long)i, 1)), result.Batches);
        AssertArrowValues(result, 0);
    }

    [Fact]
    public async Task ChunkRowsOfOne_DuckDbFile_ReadsTheSame()
    {
        var file = DuckDbParquet.Write(FlatSelect.Replace("range(10000)", "range(300)", StringComparison.Ordinal), "COMPRESSION zstd");

        var result = await AssertSameAsync(file, 1);

        Assert.Equal(300, result.Batches.Count);
    }

    [Fact]
    public async Task FileWithNoRows_ReadsNoBatchesEitherWay()
    {
        var noGroups = await ParquetNetFileAsync(CompressionMethod.Snappy, []);
        var oneEmptyGroup = await ParquetNetFileAsync(CompressionMethod.Snappy, [0]);
        var duck = DuckDbParquet.Write(FlatSelect.Replace("range(10000)", "range(0)", StringComparison.Ordinal), "COMPRESSION snappy");

        foreach (var file in new[] { noGroups, oneEmptyGroup, duck })
        {
            var result = await AssertSameAsync(file, 100);
            Assert.Empty(result.Rows);
            Assert.Empty(result.Batches);
            Assert.Equal(0, result.TotalRows);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2999)]
    [InlineData(3000)]
    [InlineData(7777)]
    [InlineData(10_000)]
    public async Task SkipTo_ThenSmallChunks_RowsAndRowNumbersEqualTheOldPath(long row)
    {
        var file = ArrowParquetFiles.Write(new(Compression.Snappy, ParquetDataPageVersion.V1));

        var result = await AssertSameAsync(file, 333, skipTo: row);

        var expectedStart = row >= 10_000 ? 10_000 : row >= 6000 ? 6000 : row >= 3000 ? 3000 : 0;
        Assert.Equal(expectedStart, result.StartRow);
        AssertArrowValues(result, (int)expectedStart);
    }

    [Fact]
    public async Task NonSeekableStream_SpilledToATempFile_ReadsTheSame()
    {
        var file = ArrowParquetFiles.Write(new(Compression.Snappy, ParquetDataPageVersion.V1));

        var old = await ReadAsync(file, Old);
        var pages = await ReadAsync(file, PageDecoder(500), forwardOnly: true);

        AssertSameRows(old, pages);
        AssertBatches(pages, 500);
    }

    [Fact]
    public async Task ParquetNetFile_DictionaryHint_GivesADictionaryEncodedChunk()
    {
        // Guards the Parquet.Net matrix: o_dict really is dictionary-encoded and the others are not.
        var pages = await ParquetPages.ListAsync(await ParquetNetFileAsync(CompressionMethod.Snappy, [2500, 2500]));

        Assert.Contains(pages, p => p.Column == "o_dict" && p.Type == ParquetPage.DictionaryPage);
        Assert.Contains(pages, p => p.Column == "o_dict" && p.IsData && p.Encoding is 2 or 8); // PLAIN_DICTIONARY or RLE_DICTIONARY
        Assert.DoesNotContain(pages, p => p.Column == "r_string" && p.Type == ParquetPage.DictionaryPage);
    }

    // ---- helpers ----

    private static void AssertArrowValues(ReadResult result, int firstRow)
    {
        var names = result.Schema.Select(c => c.Name).ToArray();
        Assert.Subset(ArrowParquetFiles.Names.ToHashSet(), names.ToHashSet());
        Assert.True(names.Length >= ArrowParquetFiles.Names.Length - 2);
        Assert.True(result.Rows.Count > 0 || result.Schema.Count > 0);
        for (var r = 0; r < result.Rows.Count; r++)
        {
            for (var c = 0; c < names.Length; c++)
            {
                var expected = ArrowParquetFiles.Expected(names[c], firstRow + r);
                if (!Equals(expected, result.Rows[r][c]))
                {
                    Assert.Fail($"row {firstRow + r}, column '{names[c]}': expected {Show(expected)}, got {Show(result.Rows[r][c])}");
                }
            }
        }
    }

    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];

    private static object?[] ParquetNetExpected(int i) =>
    [
        (long)i,
        i % 3 == 0 ? null : i * 11L - 9000,
        i * 0.125,
        i % 4 == 0 ? null : i / 3.0,
        $"text-{i}-ä",
        i % 5 == 0 ? null : Words[i % Words.Length],
        i % 2 == 0,
        i % 7 == 0 ? null : i % 3 == 1,
    ];

    private static async Task<byte[]> ParquetNetFileAsync(CompressionMethod compression, int[] rowGroups)
    {
        var schema = new ParquetSchema(
            new DataField<int>("r_int"), new DataField<long?>("o_long"), new DataField<double>("r_double"), new DataField<double?>("o_double"),
            new DataField<string>("r_string", nullable: false), new DataField<string>("o_dict"), new DataField<bool>("r_bool"), new DataField<bool?>("o_bool"));
        var options = new ParquetOptions { CompressionMethod = compression };
        options.ColumnEncodingHints["o_dict"] = EncodingHint.Dictionary;
        var start = 0;
        var groups = new List<Func<ParquetRowGroupWriter, DataField[], Task>>();
        foreach (var rows in rowGroups)
        {
            var first = start;
            groups.Add(async (rg, f) =>
            {
                var range = Enumerable.Range(first, rows).ToArray();
                await rg.WriteAsync<int>(f[0], range);
                await rg.WriteAsync<long>(f[1], range.Select(i => (long?)ParquetNetExpected(i)[1]).ToArray());
                await rg.WriteAsync<double>(f[2], range.Select(i => (double)ParquetNetExpected(i)[2]!).ToArray());
                await rg.WriteAsync<double>(f[3], range.Select(i => (double?)ParquetNetExpected(i)[3]).ToArray());
                await rg.WriteAsync(f[4], range.Select(i => (string)ParquetNetExpected(i)[4]!).ToArray());
                await rg.WriteAsync(f[5], range.Select(i => (string?)ParquetNetExpected(i)[5]).ToArray());
                await rg.WriteAsync<bool>(f[6], range.Select(i => (bool)ParquetNetExpected(i)[6]!).ToArray());
                await rg.WriteAsync<bool>(f[7], range.Select(i => (bool?)ParquetNetExpected(i)[7]).ToArray());
            });
            start += rows;
        }

        using var stream = await ParquetTestFiles.WriteAsync(schema, options, [.. groups]);
        return stream.ToArray();
    }
}
