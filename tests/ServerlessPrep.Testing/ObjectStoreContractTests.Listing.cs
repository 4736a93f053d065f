using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Testing;

public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task ListAsync_EmptyStore_ReturnsNothing()
    {
        var sut = CreateSut();

        Assert.Empty(await sut.ListAsync(string.Empty).ToListAsync());
        Assert.Empty(await sut.ListAsync("raw/").ToListAsync());
    }

    [Fact]
    public virtual async Task ListAsync_EmptyPrefix_ReturnsAllKeysInOrdinalOrder()
    {
        var sut = CreateSut();
        string[] keys = ["raw/b.parquet", "raw-2/a.parquet", "Raw/upper.csv", "raw/a/z.parquet", "raw/a.parquet", "_profiles/p.json", "raw/a0"];
        foreach (var key in keys)
        {
            await PutBytesAsync(sut, key, [1]);
        }

        var listed = await sut.ListAsync(string.Empty).ToListAsync();

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(info => info.Key));
    }

    [Fact]
    public async Task ListAsync_FolderPrefix_ReturnsOnlyKeysUnderIt()
    {
        var sut = CreateSut();
        foreach (var key in new[] { "raw/x/1.csv", "raw/x/2.csv", "raw/x2/3.csv", "raw/y/4.csv", "rawx/5.csv" })
        {
            await PutBytesAsync(sut, key, [1]);
        }

        var listed = await sut.ListAsync("raw/x/").ToListAsync();

        Assert.Equal(["raw/x/1.csv", "raw/x/2.csv"], listed.Select(info => info.Key));
    }

    [Fact]
    public async Task ListAsync_PartialSegmentPrefix_MatchesByStringPrefix()
    {
        var sut = CreateSut();
        foreach (var key in new[] { "data/part-0001.parquet", "data/part-0002.parquet", "data/partition/x.parquet", "data/other.parquet", "datb/part-1" })
        {
            await PutBytesAsync(sut, key, [1]);
        }

        var listed = await sut.ListAsync("data/part").ToListAsync();

        Assert.Equal(["data/part-0001.parquet", "data/part-0002.parquet", "data/partition/x.parquet"], listed.Select(info => info.Key));
    }

    [Fact]
    public virtual async Task ListAsync_PrefixWithoutSlash_MatchesSiblingsSharingIt()
    {
        var sut = CreateSut();
        foreach (var key in new[] { "obj/a", "obj-b/c", "objx", "ob" })
        {
            await PutBytesAsync(sut, key, [1]);
        }

        var listed = await sut.ListAsync("obj").ToListAsync();

        Assert.Equal(["obj-b/c", "obj/a", "objx"], listed.Select(info => info.Key));
    }

    [Fact]
    public async Task ListAsync_Objects_ReportSizes()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "s/one", TestData.Bytes(1));
        await PutBytesAsync(sut, "s/three", TestData.Bytes(3));

        var listed = await sut.ListAsync("s/").ToListAsync();

        Assert.Equal([1L, 3L], listed.Select(info => info.Size));
    }

    [Fact]
    public async Task ListAsync_AfterDelete_OmitsDeletedKey()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "d/keep", [1]);
        await PutBytesAsync(sut, "d/drop", [1]);

        await sut.DeleteAsync("d/drop");

        Assert.Equal(["d/keep"], (await sut.ListAsync("d/").ToListAsync()).Select(info => info.Key));
    }

    [Fact]
    public async Task ListAsync_MissingPrefix_ReturnsNothing()
    {
        var sut = CreateSut();
        await PutBytesAsync(sut, "present/a", [1]);

        Assert.Empty(await sut.ListAsync("absent/").ToListAsync());
        Assert.Empty(await sut.ListAsync("present/a/deeper").ToListAsync());
    }
}
