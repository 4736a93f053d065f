using ServerlessPrep.Azure.Storage;

namespace ServerlessPrep.Azure.Tests;

public sealed class TableQueryFilterTests
{
    [Fact]
    public void Filter_EmptyPrefix_IsPartitionEqualityOnly()
        => Assert.Equal("PartitionKey eq 'ds!23x'", TableKeyValueStore.Filter(TableValueCodec.Key("ds#x"), string.Empty));

    [Fact]
    public void Filter_Prefix_IsRowKeyRangeWithQuotesEscaped()
    {
        var filter = TableKeyValueStore.Filter(TableValueCodec.Key("ds#o'k"), TableValueCodec.Key("obj#a/"));

        Assert.Equal("PartitionKey eq 'ds!23o''k' and RowKey ge 'obj!23a.2F' and RowKey lt 'obj!23a.2G'", filter);
    }

    [Fact]
    public void Key_EncodedLongerThanTableLimit_ThrowsWithLimit()
    {
        var ex = Assert.Throws<ArgumentException>(() => TableValueCodec.Key(new string('/', 400)));

        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }
}
