using System.Text;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;

namespace ServerlessPrep.Azure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobObjectStoreTests
{
    private readonly AzuriteFixture _azurite;

    public BlobObjectStoreTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task PutAsync_ThenGetInfo_ReportsSizeAndETag()
    {
        var store = await CreateSutAsync("out/");

        await store.PutAsync("a/b.txt", new MemoryStream(Encoding.UTF8.GetBytes("hello")));
        var info = await store.GetInfoAsync("a/b.txt");

        Assert.NotNull(info);
        Assert.Equal("a/b.txt", info.Key);
        Assert.Equal(5, info.Size);
        Assert.False(string.IsNullOrEmpty(info.ETag));
        Assert.Equal("azblob://" + store.ContainerName + "/out/", store.Uri);
    }

    [Fact]
    public async Task OpenReadAsync_LargeBlob_IsSeekableAndReadsRanges()
    {
        var store = await CreateSutAsync();
        var data = new byte[BlobObjectStore.ReadBufferSize + 12345];
        new Random(7).NextBytes(data);
        await store.PutAsync("big.bin", new MemoryStream(data));

        await using var stream = await store.OpenReadAsync("big.bin");
        Assert.True(stream.CanSeek);
        Assert.Equal(data.Length, stream.Length);
        stream.Seek(-8, SeekOrigin.End);
        var footer = new byte[8];
        await stream.ReadExactlyAsync(footer);
        stream.Position = 3;
        var head = new byte[4];
        await stream.ReadExactlyAsync(head);

        Assert.Equal(data[^8..], footer);
        Assert.Equal(data[3..7], head);
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ThrowsFileNotFound()
    {
        var store = await CreateSutAsync();

        await Assert.ThrowsAsync<FileNotFoundException>(async () => await store.OpenReadAsync("nope.parquet"));
        Assert.Null(await store.GetInfoAsync("nope.parquet"));
    }

    [Fact]
    public async Task PutIfAbsentAsync_ConcurrentWriters_ExactlyOneWins()
    {
        var store = await CreateSutAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.PutIfAbsentAsync("_manifests/commit.json", Encoding.UTF8.GetBytes("writer " + i)).AsTask()));

        Assert.Equal(1, results.Count(r => r));
        var winner = Array.IndexOf(results, true);
        await using var stream = await store.OpenReadAsync("_manifests/commit.json");
        Assert.Equal("writer " + winner, await new StreamReader(stream).ReadToEndAsync());
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsRelativeKeysInOrderWithinScope()
    {
        var container = await _azurite.NewContainerAsync();
        var store = new BlobObjectStore(container, "root");
        await new BlobObjectStore(container).PutAsync("rootless.txt", new MemoryStream([1]));
        foreach (var key in new[] { "d/2.csv", "d/1.csv", "d/sub/3.csv", "e/4.csv" })
        {
            await store.PutAsync(key, new MemoryStream([1, 2]));
        }

        var keys = new List<string>();
        await foreach (var info in store.ListAsync("d/"))
        {
            keys.Add(info.Key);
        }

        Assert.Equal(["d/1.csv", "d/2.csv", "d/sub/3.csv"], keys);
    }

    [Fact]
    public async Task DeleteAsync_MissingAndExisting_NoErrorAndGone()
    {
        var store = await CreateSutAsync();
        await store.PutAsync("x", new MemoryStream([1]));

        await store.DeleteAsync("x");
        await store.DeleteAsync("never-existed");

        Assert.Null(await store.GetInfoAsync("x"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/absolute")]
    [InlineData("a/./b")]
    [InlineData("a\\b")]
    [InlineData("")]
    public async Task GetInfoAsync_KeyEscapingRoot_Throws(string key)
    {
        var store = await CreateSutAsync("p");

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetInfoAsync(key));
    }

    private async Task<BlobObjectStore> CreateSutAsync(string? prefix = null)
        => new(await _azurite.NewContainerAsync(), prefix);
}
