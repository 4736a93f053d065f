using System.Buffers.Binary;
using Parquet.Schema;
using ServerlessPrep.Core.Reading;
using static ServerlessPrep.Core.Tests.Reading.ReaderTestHelpers;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class ThriftCompactCheckTests
{
    [Fact]
    public async Task Validate_FooterWrittenByParquetNet_IsWellFormed()
    {
        var (_, footer) = Split((await SmallFileAsync()).ToArray());

        Assert.Null(ThriftCompactCheck.Validate(footer));
    }

    [Fact]
    public async Task Validate_SchemaListDeclaringAHugeCount_SaysItCannotFit()
    {
        var (_, footer) = Split((await SmallFileAsync()).ToArray());

        var error = ThriftCompactCheck.Validate(WithHugeSchemaList(footer));

        Assert.NotNull(error);
        Assert.Contains("a list of 4294967295 elements", error, StringComparison.Ordinal);
        Assert.Contains("cannot fit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x15 }, "malformed")] // field 1, i32, no value
    [InlineData(new byte[] { 0x15, 0x02 }, "runs past the end")] // no STOP
    [InlineData(new byte[] { 0x18, 0x7F, 0x41 }, "binary of 127 bytes")]
    [InlineData(new byte[] { 0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x55 }, "a map of 4294967295 entries")]
    [InlineData(new byte[] { 0x1E, 0x00 }, "unknown Thrift type 14")]
    [InlineData(new byte[] { 0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00 }, "malformed")]
    public void Validate_Malformed_NamesTheProblem(byte[] footer, string expected)
        => Assert.Contains(expected, ThriftCompactCheck.Validate(footer), StringComparison.Ordinal);

    [Fact]
    public void Validate_NestingDeeperThanTheLimit_IsRefused()
    {
        var footer = Enumerable.Repeat((byte)0x1C, ThriftCompactCheck.MaxDepth).Concat(Enumerable.Repeat((byte)0, ThriftCompactCheck.MaxDepth + 1)).ToArray(); // the outer struct + 64 nested

        Assert.Contains("nested deeper than 64", ThriftCompactCheck.Validate(footer), StringComparison.Ordinal);
        Assert.Null(ThriftCompactCheck.Validate(footer.AsSpan(1).ToArray()));
    }

    [Fact]
    public async Task Probe_FooterWrittenByParquetNet_Decodes()
    {
        var (_, footer) = Split((await SmallFileAsync()).ToArray());

        Assert.Null(ParquetFooterProbe.Probe(footer));
    }

    [Fact]
    public void Probe_KnownFieldWithAnotherWireType_RunsPastTheEndInsteadOfLooping()
    {
        // Field 1 (version, an i32 to Parquet.Net) sent as a 1-byte binary: well-formed on the wire, but Parquet.Net reads it as a
        // varint and then takes 'A' for a field header, and so reads past the end, where its own stream would loop forever.
        byte[] footer = [0x18, 0x01, 0x41, 0x00];

        Assert.Null(ThriftCompactCheck.Validate(footer));
        Assert.Equal("its Thrift data runs past the end of the footer", ParquetFooterProbe.Probe(footer));
    }

    [Fact]
    public async Task OpenAsync_FooterWithAHugeDeclaredList_IsQuarantinedReasonNamingTheFooter()
    {
        var (body, footer) = Split((await SmallFileAsync()).ToArray());
        var patched = WithHugeSchemaList(footer);
        var file = new byte[body.Length + patched.Length + 8];
        body.CopyTo(file, 0);
        patched.CopyTo(file, body.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(body.Length + patched.Length), patched.Length);
        "PAR1"u8.CopyTo(file.AsSpan(file.Length - 4));

        var error = await Assert.ThrowsAsync<InvalidDataObjectException>(() => OpenAsync(new MemoryStream(file), "t/huge-list.parquet"));

        Assert.Contains("t/huge-list.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt Parquet footer: a list of 4294967295 elements", error.Message, StringComparison.Ordinal);
    }

    private static Task<MemoryStream> SmallFileAsync()
        => ParquetTestFiles.WriteAsync(new ParquetSchema(new DataField<long>("id"), new DataField<string>("name")), async (rg, f) =>
        {
            await rg.WriteAsync<long>(f[0], new long[] { 1, 2, 3 });
            await rg.WriteAsync(f[1], new string?[] { "a", null, "c" });
        });

    /// <summary>The file up to its footer, and the footer (without its length and closing magic).</summary>
    private static (byte[] Body, byte[] Footer) Split(byte[] file)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        var footerStart = file.Length - 8 - length;
        return (file[..footerStart], file[footerStart..(file.Length - 8)]);
    }

    /// <summary>FileMetaData starts with field 1 (version, i32 varint) then field 2 (schema, a list): make the list claim 2^32-1 elements.</summary>
    private static byte[] WithHugeSchemaList(byte[] footer)
    {
        Assert.Equal(0x15, footer[0]);
        var i = 1;
        while ((footer[i] & 0x80) != 0)
        {
            i++;
        }

        i++;
        Assert.Equal(0x19, footer[i]);
        var listHeader = i + 1;
        var elementType = footer[listHeader] & 0x0F;
        var skip = footer[listHeader] >> 4 == 15 ? SkipVarint(footer, listHeader + 1) : listHeader + 1;
        return [.. footer[..listHeader], (byte)(0xF0 | elementType), 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. footer[skip..]];
    }

    private static int SkipVarint(byte[] data, int position)
    {
        while ((data[position] & 0x80) != 0)
        {
            position++;
        }

        return position + 1;
    }
}
