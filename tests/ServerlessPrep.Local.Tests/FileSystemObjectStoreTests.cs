using ServerlessPrep.Testing;

namespace ServerlessPrep.Local.Tests;

public sealed class FileSystemObjectStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private FileSystemObjectStore CreateSut() => new(_temp.Combine("root"));

    private static async Task PutAsync(FileSystemObjectStore store, string key, byte[] content)
    {
        using var stream = new MemoryStream(content);
        await store.PutAsync(key, stream);
    }

    private string[] AllFilesUnderTemp()
        => Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(_temp.Path, path)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Uri_AbsoluteRoot_IsFileUri()
    {
        var sut = CreateSut();

        Assert.Equal(new Uri(_temp.Combine("root")).AbsoluteUri, sut.Uri);
        Assert.StartsWith("file:///", sut.Uri, StringComparison.Ordinal);
        Assert.False(sut.Uri.EndsWith('/'));
    }

    [Fact]
    public async Task PutAsync_NestedKey_CreatesFileUnderRoot()
    {
        var sut = CreateSut();

        await PutAsync(sut, "a/b/c.parquet", [1, 2]);

        Assert.Equal([1, 2], await File.ReadAllBytesAsync(_temp.Combine("root", "a", "b", "c.parquet")));
    }

    [Fact]
    public async Task HostileKeys_EveryOperation_TouchesNothingOutsideRoot()
    {
        var sut = CreateSut();
        await PutAsync(sut, "inside.txt", [1]);
        await File.WriteAllTextAsync(_temp.Combine("outside.txt"), "keep");

        foreach (var key in HostileKeys.All)
        {
            using var stream = new MemoryStream([9]);
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.PutAsync(key, stream));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.PutIfAbsentAsync(key, new byte[] { 9 }));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.DeleteAsync(key));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.OpenReadAsync(key));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.GetInfoAsync(key));
        }

        Assert.Equal(["outside.txt", Path.Combine("root", "inside.txt")], AllFilesUnderTemp());
        Assert.Equal("keep", await File.ReadAllTextAsync(_temp.Combine("outside.txt")));
    }

    [Fact]
    public async Task PutAsync_Completed_LeavesNoStagingFiles()
    {
        var sut = CreateSut();

        await PutAsync(sut, "x/y.bin", [1]);
        await PutAsync(sut, "x/y.bin", [2]);
        await sut.PutIfAbsentAsync("x/z.bin", new byte[] { 3 });
        await sut.PutIfAbsentAsync("x/z.bin", new byte[] { 4 });

        Assert.Equal([Path.Combine("root", "x", "y.bin"), Path.Combine("root", "x", "z.bin")], AllFilesUnderTemp());
    }

    [Fact]
    public async Task PutAsync_ContentStreamFails_KeepsOldObjectAndLeavesNoStagingFile()
    {
        var sut = CreateSut();
        await PutAsync(sut, "k.bin", [1, 2, 3]);

        await Assert.ThrowsAsync<IOException>(async () => await sut.PutAsync("k.bin", new FailingStream(bytesBeforeFailure: 100_000)));

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(_temp.Combine("root", "k.bin")));
        Assert.Equal([Path.Combine("root", "k.bin")], AllFilesUnderTemp());
    }

    [Fact]
    public async Task PutAsync_Cancelled_LeavesNoObjectAndNoStagingFile()
    {
        var sut = CreateSut();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        using var content = new MemoryStream(new byte[1000]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sut.PutAsync("c.bin", content, cancellation.Token));

        Assert.Null(await sut.GetInfoAsync("c.bin"));
        Assert.Empty(AllFilesUnderTemp());
    }

    [Fact]
    public async Task ListAsync_HiddenFilesAndFolders_AreSkipped()
    {
        var sut = CreateSut();
        await PutAsync(sut, "data/visible.csv", [1]);
        Directory.CreateDirectory(_temp.Combine("root", ".git"));
        await File.WriteAllTextAsync(_temp.Combine("root", ".git", "HEAD"), "ref");
        await File.WriteAllTextAsync(_temp.Combine("root", "data", ".visible.csv.0123.tmp"), "partial");
        await File.WriteAllTextAsync(_temp.Combine("root", ".DS_Store"), "x");

        var keys = (await sut.ListAsync(string.Empty).ToListAsync()).Select(info => info.Key);

        Assert.Equal(["data/visible.csv"], keys);
    }

    [Fact]
    public async Task ListAsync_HiddenPrefix_StillFindsNothingHidden()
    {
        var sut = CreateSut();
        Directory.CreateDirectory(_temp.Combine("root", ".git"));
        await File.WriteAllTextAsync(_temp.Combine("root", ".git", "HEAD"), "ref");

        Assert.Empty(await sut.ListAsync(".git/").ToListAsync());
    }

    [Fact]
    public async Task ListAsync_SymlinkedFolder_IsNotFollowed()
    {
        var sut = CreateSut();
        await PutAsync(sut, "real/a.csv", [1]);
        Directory.CreateSymbolicLink(_temp.Combine("root", "loop"), _temp.Combine("root"));

        var keys = (await sut.ListAsync(string.Empty).ToListAsync()).Select(info => info.Key);

        Assert.Equal(["real/a.csv"], keys);
    }

    [Fact]
    public async Task ListAsync_KeysBeyondBasicPlane_AreInCodePointOrder()
    {
        var sut = CreateSut();
        const string privateUse = "k/\uE000";
        const string emoji = "k/\U0001F600";
        await PutAsync(sut, emoji, [1]);
        await PutAsync(sut, privateUse, [1]);

        var keys = (await sut.ListAsync("k/").ToListAsync()).Select(info => info.Key);

        Assert.Equal([privateUse, emoji], keys);
    }

    [Fact]
    public async Task ListAsync_MissingRoot_ReturnsNothing()
    {
        var sut = new FileSystemObjectStore(_temp.Combine("does", "not", "exist"));

        Assert.Empty(await sut.ListAsync(string.Empty).ToListAsync());
    }

    [Fact]
    public async Task OpenReadAsync_Folder_ThrowsFileNotFoundException()
    {
        var sut = CreateSut();
        await PutAsync(sut, "folder/file", [1]);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(async () => await sut.OpenReadAsync("folder"));

        Assert.Contains("folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInfoAsync_Unchanged_ReturnsSameETag()
    {
        var sut = CreateSut();
        await PutAsync(sut, "e.bin", [1, 2]);

        var first = await sut.GetInfoAsync("e.bin");
        var second = await sut.GetInfoAsync("e.bin");

        Assert.NotNull(first?.ETag);
        Assert.Equal(first.ETag, second?.ETag);
        Assert.Equal(first, (await sut.ListAsync("e.bin").ToListAsync()).Single());
    }

    [Fact]
    public async Task OpenReadAsync_WhileOverwrittenAndDeleted_KeepsReadingOldContent()
    {
        var sut = CreateSut();
        await PutAsync(sut, "r.bin", [1, 2, 3]);
        var stream = await sut.OpenReadAsync("r.bin");

        await PutAsync(sut, "r.bin", [4]);
        await sut.DeleteAsync("r.bin");

        Assert.Equal([1, 2, 3], await TestData.ReadAllAsync(stream));
    }

    [Fact]
    public async Task PutAsync_KeyUnderExistingObject_ThrowsIOException()
    {
        var sut = CreateSut();
        await PutAsync(sut, "a", [1]);

        await Assert.ThrowsAnyAsync<IOException>(async () => await PutAsync(sut, "a/b", [2]));
    }

    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int _remaining = bytesBeforeFailure;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_remaining <= 0)
            {
                throw new IOException("simulated network failure");
            }

            var n = Math.Min(count, _remaining);
            Array.Clear(buffer, offset, n);
            _remaining -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
