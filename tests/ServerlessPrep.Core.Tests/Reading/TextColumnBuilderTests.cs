using ServerlessPrep.Core.Data;
using ServerlessPrep.Core.Reading;

namespace ServerlessPrep.Core.Tests.Reading;

public sealed class TextColumnBuilderTests
{
    private static TextColumnBuilder CreateSut(DataKind kind, int capacity = 5000, ReadDiagnostics? diagnostics = null)
        => new(new ColumnSchema("c", kind), capacity, ["NA"], diagnostics ?? new ReadDiagnostics());

    [Fact]
    public void Append_MoreRowsThanInitialBuffer_GrowsAndKeepsValues()
    {
        var sut = CreateSut(DataKind.Int64);
        for (var i = 0; i < 3000; i++)
        {
            if (i % 3 == 0)
            {
                sut.AppendNull();
            }
            else
            {
                sut.Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i + 1);
            }
        }

        var column = (Int64Column)sut.Build();

        Assert.Equal(3000, column.Length);
        Assert.Equal(1000, column.CountNulls());
        Assert.Equal(2999L, column.Values[2999]);
    }

    [Fact]
    public void Append_BeyondCapacity_Throws()
    {
        var sut = CreateSut(DataKind.String, capacity: 2);
        sut.Append("a", 1);
        sut.Append("b", 2);

        Assert.Throws<InvalidOperationException>(() => sut.Append("c", 3));
    }

    [Fact]
    public void Append_RepeatedShortStrings_ShareOneInstance()
    {
        var sut = CreateSut(DataKind.String);
        sut.Append("category".AsSpan(), 1);
        sut.Append("category".AsSpan(), 2);

        var column = (StringColumn)sut.Build();

        Assert.Same(column.Values[0], column.Values[1]);
    }

    [Fact]
    public void Append_UnparsableAndNullToken_MissingButOnlyUnparsableCounted()
    {
        var diagnostics = new ReadDiagnostics();
        var sut = CreateSut(DataKind.Double, diagnostics: diagnostics);
        sut.Append(" 1.5 ", 1);
        sut.Append("NA", 2);
        sut.Append("x", 3);

        var column = (DoubleColumn)sut.Build();

        Assert.Equal([false, true, true], column.Nulls.ToArray());
        Assert.Equal(1.5, column.Values[0]);
        Assert.Equal(1, diagnostics.Unparsed["c"].Count);
    }

    [Fact]
    public void Reset_ThenAppend_StartsNewChunk()
    {
        var sut = CreateSut(DataKind.Boolean);
        sut.AppendNull();
        sut.Build();
        sut.Reset();
        sut.Append("TRUE", 2);

        var column = (BooleanColumn)sut.Build();

        Assert.Equal(1, column.Length);
        Assert.False(column.HasNullMask);
        Assert.True(column.Values[0]);
    }
}
