using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

public abstract partial class ObjectStoreContractTests
{
    // Enumerated at run time: discovery would serialize the keys and turn lone surrogates into U+FFFD.
    public static TheoryData<string> HostileKeyData => HostileKeys.Data;

    [Theory]
    [MemberData(nameof(HostileKeyData), DisableDiscoveryEnumeration = true)]
    public async Task PutAsync_HostileKey_ThrowsArgumentException(string key)
    {
        var sut = CreateSut();
        using var content = new MemoryStream([1, 2, 3]);

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.PutAsync(key, content));
        Assert.Empty(await sut.ListAsync(string.Empty).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(HostileKeyData), DisableDiscoveryEnumeration = true)]
    public async Task PutIfAbsentAsync_HostileKey_ThrowsArgumentException(string key)
    {
        var sut = CreateSut();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.PutIfAbsentAsync(key, new byte[] { 1 }));
    }

    [Theory]
    [MemberData(nameof(HostileKeyData), DisableDiscoveryEnumeration = true)]
    public async Task ReadOperations_HostileKey_ThrowArgumentException(string key)
    {
        var sut = CreateSut();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.GetInfoAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.OpenReadAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.DeleteAsync(key));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/")]
    [InlineData("/etc")]
    [InlineData("a/../../")]
    [InlineData("a\\b")]
    [InlineData("a\0")]
    public async Task ListAsync_HostilePrefix_ThrowsArgumentException(string prefix)
    {
        var sut = CreateSut();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.ListAsync(prefix).ToListAsync());
    }

    [Fact]
    public async Task PutAsync_HostileKey_MessageNamesTheKey()
    {
        var sut = CreateSut();
        using var content = new MemoryStream([1]);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.PutAsync("../escape.txt", content));

        Assert.Contains("../escape.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SafeKey_KeysUsedByTheseTests_AreValid()
    {
        Assert.True(SafeKey.IsValid("dir with space/année=2024/ü+ñ%20&=.parquet"));
        Assert.True(SafeKey.IsValid("_manifests/m.json"));
    }
}
