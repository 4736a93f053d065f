using System.Text;
using Amazon.S3;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;

namespace ServerlessPrep.Aws.Tests.Storage;

[Collection(EmulatorCollection.Name)]
public sealed class S3ObjectStoreTests : IDisposable
{
    private readonly EmulatorFixture _emulators;
    private readonly IAmazonS3 _client;
    private readonly string _prefix = "t-" + Guid.NewGuid().ToString("N")[..8];

    public S3ObjectStoreTests(EmulatorFixture emulators)
    {
        _emulators = emulators;
        _client = emulators.CreateS3Client();
    }

    [Fact]
    public async Task PutAsync_SmallObject_RoundTripsBytesAndInfo()
    {
        var store = CreateSut();
        var bytes = Encoding.UTF8.GetBytes("id,name\n1,café\n");

        await store.PutAsync("dir/file 1+é.csv", new MemoryStream(bytes));
        var info = await store.GetInfoAsync("dir/file 1+é.csv");
        await using var stream = await store.OpenReadAsync("dir/file 1+é.csv");

        Assert.Equal(bytes.Length, info!.Size);
        Assert.Equal(bytes, await ReadAllAsync(stream));
    }

    [Fact]
    public async Task PutAsync_AboveThreshold_MultipartRoundTrips()
    {
        var store = CreateSut(new S3ObjectStoreOptions { MultipartPartBytes = 5 * 1024 * 1024 });
        var bytes = RandomBytes((11 * 1024 * 1024) + 123);

        await store.PutAsync("big.bin", new NonSeekableStream(bytes));
        await using var stream = await store.OpenReadAsync("big.bin");

        var read = await ReadAllAsync(stream);

        Assert.Equal(bytes.Length, stream.Length);
        Assert.True(bytes.AsSpan().SequenceEqual(read));
        Assert.Equal(3, _emulators.S3Requests.Get("PUT", $"/{EmulatorFixture.OutputBucket}/{_prefix}/big.bin"));
    }

    [Fact]
    public async Task PutIfAbsentAsync_ConcurrentWriters_ExactlyOneWins()
    {
        var store = CreateSut();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.PutIfAbsentAsync("claim.json", Encoding.UTF8.GetBytes($"{{\"w\":{i}}}")).AsTask()));

        Assert.Equal(1, results.Count(r => r));
        Assert.False(await store.PutIfAbsentAsync("claim.json", "x"u8.ToArray()));
    }

    [Fact]
    public async Task OpenReadAsync_SeekableRangedReads_FetchOnlyWhatIsNeeded()
    {
        var store = CreateSut(new S3ObjectStoreOptions { ReadAheadBytes = 64 * 1024 });
        var bytes = RandomBytes(4 * 1024 * 1024);
        await store.PutAsync("ranged.bin", new MemoryStream(bytes));

        await using var stream = (S3RangedReadStream)await store.OpenReadAsync("ranged.bin");
        var tail = new byte[8];
        stream.Seek(-8, SeekOrigin.End);
        await stream.ReadExactlyAsync(tail);
        var footer = new byte[2000];
        stream.Position = bytes.Length - 2008;
        await stream.ReadExactlyAsync(footer);
        var middle = new byte[100];
        stream.Position = 1_000_000;
        await stream.ReadExactlyAsync(middle);

        Assert.Equal(bytes.AsSpan(bytes.Length - 8).ToArray(), tail);
        Assert.Equal(bytes.AsSpan(bytes.Length - 2008, 2000).ToArray(), footer);
        Assert.Equal(bytes.AsSpan(1_000_000, 100).ToArray(), middle);
        Assert.Equal(2, stream.RequestCount);
        Assert.Equal(2 * 64 * 1024, stream.BytesFetched);
        Assert.Equal(2, _emulators.S3Requests.Get("GET", $"/{EmulatorFixture.OutputBucket}/{_prefix}/ranged.bin"));
    }

    [Fact]
    public async Task ListAsync_MoreThanOnePage_FollowsContinuation()
    {
        var store = CreateSut(new S3ObjectStoreOptions { ListPageSize = 2 });
        foreach (var name in new[] { "l/c", "l/a", "l/b", "l/d", "l/e", "other" })
        {
            await store.PutAsync(name, new MemoryStream([1, 2]));
        }

        var keys = new List<string>();
        await foreach (var info in store.ListAsync("l/"))
        {
            keys.Add(info.Key);
        }

        Assert.Equal(["l/a", "l/b", "l/c", "l/d", "l/e"], keys);
    }

    [Fact]
    public async Task MissingObject_InfoNullOpenThrowsDeleteSucceeds()
    {
        var store = CreateSut();

        Assert.Null(await store.GetInfoAsync("missing"));
        await Assert.ThrowsAsync<FileNotFoundException>(async () => await store.OpenReadAsync("missing"));
        await store.DeleteAsync("missing");
    }

    [Fact]
    public async Task PutAsync_KeyEscapingPrefix_Rejected()
    {
        var store = CreateSut();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.PutAsync("../escape", new MemoryStream([1])));
        Assert.Equal($"s3://{EmulatorFixture.OutputBucket}/{_prefix}", store.Uri);
    }

    public void Dispose() => _client.Dispose();

    internal static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private S3ObjectStore CreateSut(S3ObjectStoreOptions? options = null) => new(_client, EmulatorFixture.OutputBucket, _prefix, options);

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
