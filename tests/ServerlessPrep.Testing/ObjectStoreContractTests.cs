using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> adapter must have, as xUnit tests.
/// </summary>
/// <remarks>
/// How to derive (one class per adapter, in that adapter's test project):
/// <code>
/// public sealed class S3ObjectStoreTests(S3EmulatorFixture fixture) : ObjectStoreContractTests, IClassFixture&lt;S3EmulatorFixture&gt;
/// {
///     protected override IObjectStore CreateSut() => new S3ObjectStore(fixture.Client, fixture.Bucket, prefix: TestData.Unique("t/") + "/");
/// }
/// </code>
/// <list type="bullet">
/// <item><see cref="CreateSut"/> must return a store over an EMPTY, isolated root (a fresh folder, bucket or prefix): listing tests count objects.
/// Each test calls it once.</item>
/// <item>Override <see cref="CreateSecondClient"/> to return another client over the same root (another connection, another SDK client), so the
/// race tests run across clients; the default reuses the first one.</item>
/// <item>Override <see cref="InitializeAsync"/> / <see cref="DisposeAsync"/> to create and clean up what <see cref="CreateSut"/> needs.</item>
/// <item>Keys used here are ASCII plus one UTF-8 key with spaces; hostile keys come from <see cref="HostileKeys"/> (use <see cref="SafeKey"/>).</item>
/// </list>
/// </remarks>
public abstract partial class ObjectStoreContractTests : IAsyncLifetime
{
    /// <summary>A store over an empty root that no other test uses.</summary>
    protected abstract IObjectStore CreateSut();

    /// <summary>A second, independent client over the same root as <paramref name="sut"/>.</summary>
    protected virtual IObjectStore CreateSecondClient(IObjectStore sut) => sut;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static async Task PutBytesAsync(IObjectStore store, string key, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var stream = new MemoryStream(content, writable: false);
        await store.PutAsync(key, stream);
    }

    protected static async Task<byte[]> ReadBytesAsync(IObjectStore store, string key)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await TestData.ReadAllAsync(await store.OpenReadAsync(key));
    }

    [Fact]
    public async Task PutAsync_NewKey_RoundTripsBytes()
    {
        var sut = CreateSut();
        var content = TestData.Bytes(10_000);

        await PutBytesAsync(sut, "data/part-0.parquet", content);

        Assert.Equal(content, await ReadBytesAsync(sut, "data/part-0.parquet"));
    }

    [Fact]
    public async Task PutAsync_EmptyContent_CreatesEmptyObject()
    {
        var sut = CreateSut();

        await PutBytesAsync(sut, "empty.txt", []);

        Assert.Empty(await ReadBytesAsync(sut, "empty.txt"));
        Assert.Equal(0, (await sut.GetInfoAsync("empty.txt"))?.Size);
    }

    [Fact]
    public async Task PutAsync_ExistingKey_OverwritesContent()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "k.bin", TestData.Bytes(5_000, seed: 1));
        var second = TestData.Bytes(300, seed: 2);

        await PutBytesAsync(sut, "k.bin", second);

        Assert.Equal(second, await ReadBytesAsync(sut, "k.bin"));
        Assert.Equal(300, (await sut.GetInfoAsync("k.bin"))?.Size);
    }

    [Fact]
    public async Task PutAsync_KeyWithSpacesAndNonAscii_RoundTrips()
    {
        var sut = CreateSut();
        const string key = "dir with space/année=2024/ü+ñ%20&=.parquet";
        var content = TestData.Bytes(64);

        await PutBytesAsync(sut, key, content);

        Assert.Equal(content, await ReadBytesAsync(sut, key));
        var listed = await sut.ListAsync("dir with space/").ToListAsync();
        Assert.Equal(key, Assert.Single(listed).Key);
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ThrowsFileNotFoundException()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<FileNotFoundException>(async () => await sut.OpenReadAsync("missing/none.parquet"));
    }

    [Fact]
    public async Task OpenReadAsync_Existing_StreamIsSeekableForRangedReads()
    {
        var sut = CreateSut();
        var content = TestData.Bytes(1 << 20);
        await PutBytesAsync(sut, "big.parquet", content);

        var stream = await sut.OpenReadAsync("big.parquet");
        await using (stream)
        {
            Assert.True(stream.CanSeek);
            Assert.Equal(content.Length, stream.Length);
            stream.Seek(-8, SeekOrigin.End);
            var footer = new byte[8];
            await stream.ReadExactlyAsync(footer);
            Assert.Equal(content[^8..], footer);
            stream.Position = 1000;
            var middle = new byte[100];
            await stream.ReadExactlyAsync(middle);
            Assert.Equal(content[1000..1100], middle);
        }
    }

    [Fact]
    public async Task GetInfoAsync_Existing_ReturnsKeySizeAndModificationTime()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "a/b.csv", TestData.Bytes(123));

        var info = await sut.GetInfoAsync("a/b.csv");

        Assert.NotNull(info);
        Assert.Equal("a/b.csv", info.Key);
        Assert.Equal(123, info.Size);
        Assert.NotEqual(default, info.LastModified);
    }

    [Fact]
    public async Task GetInfoAsync_Missing_ReturnsNull()
    {
        var sut = CreateSut();

        Assert.Null(await sut.GetInfoAsync("nothing/here.csv"));
    }

    [Fact]
    public async Task GetInfoAsync_AfterOverwriteWithOtherContent_ReportsDifferentETagOrVersion()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "v.bin", TestData.Bytes(100, seed: 1));
        var before = await sut.GetInfoAsync("v.bin");

        await PutBytesAsync(sut, "v.bin", TestData.Bytes(101, seed: 2));
        var after = await sut.GetInfoAsync("v.bin");

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.False(before.ETag == after.ETag && before.Version == after.Version, "an overwrite must change the ETag or the version");
    }

    [Fact]
    public async Task GetInfoAsync_PrefixOfExistingKeys_ReturnsNull()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "folder/file.txt", [1]);

        Assert.Null(await sut.GetInfoAsync("folder"));
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesObject()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "gone.txt", [1, 2, 3]);

        await sut.DeleteAsync("gone.txt");

        Assert.Null(await sut.GetInfoAsync("gone.txt"));
        await Assert.ThrowsAsync<FileNotFoundException>(async () => await sut.OpenReadAsync("gone.txt"));
    }

    [Fact]
    public async Task DeleteAsync_Missing_DoesNotThrow()
    {
        var sut = CreateSut();

        await sut.DeleteAsync("never/existed.txt");
        await sut.DeleteAsync("never-existed.txt");

        Assert.Null(await sut.GetInfoAsync("never-existed.txt"));
    }

    [Fact]
    public async Task DeleteAsync_PrefixOfExistingKeys_LeavesThem()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "folder/file.txt", [1]);

        await sut.DeleteAsync("folder");

        Assert.NotNull(await sut.GetInfoAsync("folder/file.txt"));
    }

    [Fact]
    public async Task PutIfAbsentAsync_Absent_WritesAndReturnsTrue()
    {
        var sut = CreateSut();

        var written = await sut.PutIfAbsentAsync("_manifests/m.json", "{\"a\":1}"u8.ToArray());

        Assert.True(written);
        Assert.Equal("{\"a\":1}"u8.ToArray(), await ReadBytesAsync(sut, "_manifests/m.json"));
    }

    [Fact]
    public async Task PutIfAbsentAsync_Existing_ReturnsFalseAndKeepsContent()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "marker", [1]);

        var written = await sut.PutIfAbsentAsync("marker", new byte[] { 2, 2 });

        Assert.False(written);
        Assert.Equal([1], await ReadBytesAsync(sut, "marker"));
    }

    [Fact]
    public async Task PutIfAbsentAsync_AfterDelete_WritesAgain()
    {
        var sut = CreateSut();
        Assert.True(await sut.PutIfAbsentAsync("once", new byte[] { 1 }));
        await sut.DeleteAsync("once");

        Assert.True(await sut.PutIfAbsentAsync("once", new byte[] { 2 }));
        Assert.Equal([2], await ReadBytesAsync(sut, "once"));
    }
}
