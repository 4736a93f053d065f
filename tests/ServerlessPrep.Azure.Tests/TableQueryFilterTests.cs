using ServerlessPrep.Azure.Storage;

namespace ServerlessPrep.Azure.Tests;

public sealed class TableQueryFilterTests
{
    [Fact]
    public void Filter_EmptyPrefix_IsPartitionEqualityOnly()
        => Assert.Equal("PartitionKey eq 'ds!23x'", TableKeyValueStore.Filter(TableKeyEncoding.Encode("ds#x"), string.Empty));

    [Fact]
    public void Filter_Prefix_IsRowKeyRangeWithQuotesEscaped()
    {
        var filter = TableKeyValueStore.Filter(TableKeyEncoding.Encode("ds#o'k"), TableKeyEncoding.Encode("obj#a/"));

        Assert.Equal("PartitionKey eq 'ds!23o''k' and RowKey ge 'obj!23a.2F' and RowKey lt 'obj!23a.2G'", filter);
    }
}
