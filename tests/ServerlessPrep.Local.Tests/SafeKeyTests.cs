using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Local.Tests;

/// <summary>Tests of <see cref="SafeKey"/> (in Core, exercised here beside its first user).</summary>
public sealed class SafeKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("raw/2024/01/part-0.parquet")]
    [InlineData("_profiles/p.json")]
    [InlineData(".hidden/file")]
    [InlineData("a/..b/c..")]
    [InlineData("dir with space/ü+ñ%20&=:x.parquet")]
    [InlineData("emoji/\U0001F600")]
    public void Validate_SafeKey_ReturnsIt(string key)
    {
        Assert.Equal(key, SafeKey.Validate(key));
        Assert.True(SafeKey.IsValid(key));
    }

    [Fact]
    public void Validate_EveryHostileKey_ThrowsArgumentExceptionForParameterKey()
    {
        foreach (var key in HostileKeys.All)
        {
            var error = Assert.Throws<ArgumentException>(() => SafeKey.Validate(key));
            Assert.Equal("key", error.ParamName);
            Assert.False(SafeKey.IsValid(key));
        }
    }

    [Fact]
    public void Validate_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => SafeKey.Validate(null!));
        Assert.False(SafeKey.IsValid(null));
    }

    [Fact]
    public void Validate_MaximumLengths_AreAccepted()
    {
        var segment = new string('s', SafeKey.MaxSegmentBytes);
        var key = string.Join('/', Enumerable.Repeat(new string('k', 204), 5));

        Assert.Equal(segment, SafeKey.Validate(segment));
        Assert.Equal(SafeKey.MaxKeyBytes, key.Length);
        Assert.Equal(key, SafeKey.Validate(key));
        Assert.False(SafeKey.IsValid(key + "k"));
        Assert.False(SafeKey.IsValid(segment + "s"));
        Assert.False(SafeKey.IsValid(new string('é', 128)));
    }

    [Theory]
    [InlineData("../x", "'..' segment")]
    [InlineData("/etc", "absolute")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a\0b", "control character")]
    [InlineData("a//b", "empty segment")]
    [InlineData("C:/x", "drive")]
    public void Validate_HostileKey_MessageNamesKeyAndReason(string key, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => SafeKey.Validate(key));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(key.Replace("\0", "\\u0000", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("raw/")]
    [InlineData("raw/part-")]
    [InlineData("raw/.")]
    [InlineData("..")]
    public void ValidatePrefix_ListingPrefix_ReturnsIt(string prefix)
    {
        Assert.Equal(prefix, SafeKey.ValidatePrefix(prefix));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("a/../")]
    [InlineData("/")]
    [InlineData("a//")]
    [InlineData("a\\")]
    [InlineData("a\n")]
    public void ValidatePrefix_HostilePrefix_ThrowsForParameterPrefix(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => SafeKey.ValidatePrefix(prefix));

        Assert.Equal("prefix", error.ParamName);
    }
}
