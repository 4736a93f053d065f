using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

/// <summary>Reading one version: every pass over an object must read the version it looked up, never a newer one or a mix.</summary>
public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task OpenReadAsync_WithTheCurrentVersion_ReadsIt()
    {
        var sut = CreateSut();
        var content = TestData.Bytes(5_000);
        await PutBytesAsync(sut, "data/v.bin", content);
        var version = (await sut.GetInfoAsync("data/v.bin"))!;

        var read = await TestData.ReadAllAsync(await sut.OpenReadAsync(version));

        Assert.Equal(content, read);
    }

    [Fact]
    public async Task OpenReadAsync_WithAVersionReplacedSince_ThrowsObjectChangedNamingTheKey()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "data/v.bin", TestData.Bytes(5_000));
        var old = (await sut.GetInfoAsync("data/v.bin"))!;
        await PutBytesAsync(sut, "data/v.bin", TestData.Bytes(6_000, seed: 2));

        var error = await Assert.ThrowsAsync<ObjectChangedException>(async () => await sut.OpenReadAsync(old));

        Assert.Equal("data/v.bin", error.Key);
        Assert.Contains("changed while being read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_WithAVersionDeletedSince_ThrowsObjectChanged()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "data/v.bin", TestData.Bytes(5_000));
        var old = (await sut.GetInfoAsync("data/v.bin"))!;
        await sut.DeleteAsync("data/v.bin");

        var error = await Assert.ThrowsAsync<ObjectChangedException>(async () => await sut.OpenReadAsync(old));

        Assert.Contains("no longer exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_NewerVersionLandsWhileReading_ReadsTheOpenedVersionOrFailsButNeverMixes()
    {
        var sut = CreateSut();
        var first = TestData.Bytes(3_000_000);
        var second = TestData.Bytes(3_000_000, seed: 9);
        await PutBytesAsync(sut, "data/big.bin", first);
        var version = (await sut.GetInfoAsync("data/big.bin"))!;
        await using var stream = await sut.OpenReadAsync(version);
        var head = new byte[1_000];
        await stream.ReadExactlyAsync(head);

        await PutBytesAsync(CreateSecondClient(sut), "data/big.bin", second);
        byte[] rest;
        try
        {
            rest = await TestData.ReadAllAsync(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Failing loudly is allowed (S3: ObjectChangedException from an If-Match ranged GET; Azure: the SDK's own
            // "blob modified" error); mixing versions is not.
            Assert.False(string.IsNullOrEmpty(e.Message));
            return;
        }

        Assert.Equal(first, head.Concat(rest).ToArray());
    }
}
