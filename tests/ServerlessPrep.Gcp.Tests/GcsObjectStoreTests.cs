using System.Text;
using ServerlessPrep.Gcp.Storage;
using ServerlessPrep.Gcp.Tests.Support;

namespace ServerlessPrep.Gcp.Tests;

public sealed class GcsObjectStoreTests
{
    private readonly FakeGcs _gcs = new();

    [Fact]
    public async Task PutAsync_ThenGetInfo_ReportsSizeAndGenerationUnderPrefix()
    {
        var store = CreateSut("out");

        await store.PutAsync("a/b c.txt", new MemoryStream(Encoding.UTF8.GetBytes("hello")));
        var info = await store.GetInfoAsync("a/b c.txt");

        Assert.NotNull(info);
        Assert.Equal(5, info.Size);
        Assert.Equal(_gcs.Find("lake", "out/a/b c.txt")!.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Version);
        Assert.Equal("gs://lake/out/", store.Uri);
    }

    [Fact]
    public async Task PutIfAbsentAsync_SendsIfGenerationMatchZero_SecondWriteReturnsFalse()
    {
        var store = CreateSut();

        var first = await store.PutIfAbsentAsync("_manifests/m.json", "one"u8.ToArray());
        var second = await store.PutIfAbsentAsync("_manifests/m.json", "two"u8.ToArray());

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("one", Encoding.UTF8.GetString(_gcs.Find("lake", "_manifests/m.json")!.Content));
        var starts = _gcs.Requests.Where(r => r.Method == "POST" && r.Uri.AbsolutePath.StartsWith("/upload/", StringComparison.Ordinal)).ToList();
        Assert.All(starts, r => Assert.Equal("0", r.Query("ifGenerationMatch")));
    }

    [Fact]
    public async Task PutIfAbsentAsync_ConcurrentWriters_ExactlyOneWins()
    {
        var store = CreateSut();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.PutIfAbsentAsync("claim", new[] { (byte)i }).AsTask()));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task OpenReadAsync_Seek_IssuesRangedGenerationPinnedDownloads()
    {
        var store = CreateSut();
        var data = new byte[GcsRangeReadStream.BufferSize + 1000];
        new Random(5).NextBytes(data);
        await store.PutAsync("big.parquet", new MemoryStream(data));
        var generation = _gcs.Find("lake", "big.parquet")!.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var stream = await store.OpenReadAsync("big.parquet");
        stream.Seek(-8, SeekOrigin.End);
        var footer = new byte[8];
        await stream.ReadExactlyAsync(footer);
        stream.Position = 10;
        var head = new byte[4];
        await stream.ReadExactlyAsync(head);

        Assert.Equal(data[^8..], footer);
        Assert.Equal(data[10..14], head);
        var downloads = _gcs.Requests.Where(r => r.Query("alt") == "media").ToList();
        Assert.Equal(2, downloads.Count);
        Assert.All(downloads, d => Assert.Equal(generation, d.Query("generation")));
        Assert.All(downloads, d => Assert.True(d.Headers.ContainsKey("Range")));
        Assert.StartsWith("bytes=" + (data.Length - 8), downloads[0].Headers["Range"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ThrowsFileNotFound()
        => await Assert.ThrowsAsync<FileNotFoundException>(async () => await CreateSut().OpenReadAsync("nope"));

    [Fact]
    public async Task ListAsync_Prefix_ReturnsRelativeKeysInOrder()
    {
        var store = CreateSut("root");
        await CreateSut().PutAsync("rootless", new MemoryStream([1]));
        foreach (var key in new[] { "d/2", "d/1", "e/3" })
        {
            await store.PutAsync(key, new MemoryStream([1]));
        }

        var keys = new List<string>();
        await foreach (var info in store.ListAsync("d/"))
        {
            keys.Add(info.Key);
        }

        Assert.Equal(["d/1", "d/2"], keys);
    }

    [Fact]
    public async Task DeleteAsync_MissingObject_NoError()
    {
        var store = CreateSut();
        await store.PutAsync("x", new MemoryStream([1]));

        await store.DeleteAsync("x");
        await store.DeleteAsync("x");

        Assert.Null(await store.GetInfoAsync("x"));
    }

    [Theory]
    [InlineData("../up")]
    [InlineData("/abs")]
    public async Task GetInfoAsync_EscapingKey_Throws(string key)
        => await Assert.ThrowsAsync<ArgumentException>(async () => await CreateSut("p").GetInfoAsync(key));

    private GcsObjectStore CreateSut(string? prefix = null) => new(FakeGcsClient.Create(_gcs), "lake", prefix);
}
