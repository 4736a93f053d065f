using ServerlessPrep.Aws.Storage;

namespace ServerlessPrep.Aws.Tests.Storage;

public sealed class ObjectKeyGuardTests
{
    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("a/./b")]
    [InlineData("/absolute")]
    [InlineData("a\\b")]
    [InlineData("a\u0000b")]
    [InlineData("line\nbreak")]
    [InlineData("")]
    public void Validate_EscapingOrInvalidKey_Throws(string key) => Assert.ThrowsAny<ArgumentException>(() => ObjectKeyGuard.Validate(key));

    [Theory]
    [InlineData("a/b.csv")]
    [InlineData("café/数据 1+2.parquet")]
    [InlineData("a..b/c")]
    public void Validate_OrdinaryKey_Returned(string key) => Assert.Equal(key, ObjectKeyGuard.Validate(key));

    [Theory]
    [InlineData(null, "")]
    [InlineData("/", "")]
    [InlineData("prepared", "prepared/")]
    [InlineData("/a/b/", "a/b/")]
    public void NormalizeRoot_Variants_OneTrailingSlash(string? prefix, string expected) => Assert.Equal(expected, ObjectKeyGuard.NormalizeRoot(prefix));
}
