using ServerlessPrep.Core.Features;

namespace ServerlessPrep.Core.Tests.Features;

public sealed class ColumnRolesTests
{
    [Theory]
    [InlineData("id", true)]
    [InlineData("order_id", true)]
    [InlineData("customerId", true)]
    [InlineData("session-key", true)]
    [InlineData("row_uuid", true)]
    [InlineData("paid", false)]
    [InlineData("valid", false)]
    [InlineData("monkey", false)]
    [InlineData("identity", false)]
    public void HasIdName_Name_WordWiseSuffix(string name, bool expected) => Assert.Equal(expected, ColumnRoles.HasIdName(name));
}
