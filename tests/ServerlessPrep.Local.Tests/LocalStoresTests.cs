namespace ServerlessPrep.Local.Tests;

public sealed class LocalStoresTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static FileSystemObjectStore OpenFolder(string location) => Assert.IsType<FileSystemObjectStore>(LocalStores.OpenObjectStore(location));

    [Theory]
    [InlineData("memory:")]
    [InlineData("Memory://")]
    public void OpenObjectStore_Memory_OpensInMemoryStore(string location)
    {
        Assert.IsType<InMemoryObjectStore>(LocalStores.OpenObjectStore(location));
    }

    [Fact]
    public void OpenObjectStore_PlainPath_UsesFolder()
    {
        var store = OpenFolder(_temp.Combine("lake"));

        Assert.Equal(_temp.Combine("lake"), store.RootDirectory);
    }

    [Fact]
    public void OpenObjectStore_RelativePath_ResolvesToAbsolute()
    {
        var store = OpenFolder("relative-lake");

        Assert.Equal(Path.GetFullPath("relative-lake"), store.RootDirectory);
    }

    [Fact]
    public void OpenObjectStore_FileUriWithEscapes_DecodesPath()
    {
        var store = OpenFolder("file://" + _temp.Path + "/my%20lake");

        Assert.Equal(_temp.Combine("my lake"), store.RootDirectory);
        Assert.EndsWith("/my%20lake", store.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenObjectStore_FileUriWithLocalhost_UsesPath()
    {
        var store = OpenFolder("file://localhost" + _temp.Path);

        Assert.Equal(_temp.Path, store.RootDirectory);
    }

    [Fact]
    public void OpenObjectStore_FileUri_RoundTripsThroughUri()
    {
        var first = OpenFolder(_temp.Combine("a b#c"));

        var second = OpenFolder(first.Uri);

        Assert.Equal(first.RootDirectory, second.RootDirectory);
    }

    [Theory]
    [InlineData("s3://bucket/prefix", "s3:")]
    [InlineData("https://account.blob.core.windows.net/lake", "https:")]
    [InlineData("gs://bucket", "gs:")]
    public void OpenObjectStore_UnsupportedScheme_ThrowsNamingValueAndForms(string location, string scheme)
    {
        var error = Assert.Throws<ArgumentException>(() => LocalStores.OpenObjectStore(location));

        Assert.Contains(location, error.Message, StringComparison.Ordinal);
        Assert.Contains(scheme, error.Message, StringComparison.Ordinal);
        Assert.Contains(LocalStores.ObjectStoreForms, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("file://otherhost/lake")]
    [InlineData("file:///")]
    [InlineData("memory:lake")]
    public void OpenObjectStore_InvalidLocation_ThrowsArgumentException(string location)
    {
        var error = Assert.Throws<ArgumentException>(() => LocalStores.OpenObjectStore(location));

        Assert.Contains(LocalStores.ObjectStoreForms, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenKeyValueStore_SqliteUri_OpensFileAtAbsolutePath()
    {
        using var store = Assert.IsType<SqliteKeyValueStore>(LocalStores.OpenKeyValueStore("sqlite://" + _temp.Path + "/state/kv.db"));

        Assert.Equal(_temp.Combine("state", "kv.db"), store.DatabasePath);
    }

    [Fact]
    public void OpenKeyValueStore_SqliteRelative_ResolvesToAbsolute()
    {
        using var store = Assert.IsType<SqliteKeyValueStore>(LocalStores.OpenKeyValueStore("sqlite:state/kv.db"));

        Assert.Equal(Path.GetFullPath("state/kv.db"), store.DatabasePath);
    }

    [Theory]
    [InlineData("state.db")]
    [InlineData("state.sqlite")]
    [InlineData("STATE.SQLITE3")]
    public void OpenKeyValueStore_PathWithSqliteExtension_OpensSqlite(string name)
    {
        using var store = Assert.IsType<SqliteKeyValueStore>(LocalStores.OpenKeyValueStore(_temp.Combine(name)));

        Assert.Equal(_temp.Combine(name), store.DatabasePath);
    }

    [Theory]
    [InlineData("memory:")]
    [InlineData("MEMORY:")]
    [InlineData("memory://")]
    public void OpenKeyValueStore_Memory_OpensInMemoryStore(string location)
    {
        Assert.IsType<InMemoryKeyValueStore>(LocalStores.OpenKeyValueStore(location));
    }

    [Fact]
    public async Task OpenKeyValueStore_WithTimeProvider_UsesItForExpiry()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(60));
        var store = LocalStores.OpenKeyValueStore("memory:", clock);
        await store.PutAsync(Core.Storage.KvItem.FromString("p", "s", "v", clock.GetUtcNow().AddSeconds(1)), Core.Storage.KvWriteCondition.None);

        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await store.GetAsync("p", "s"));
    }

    [Theory]
    [InlineData("dynamodb://table", "dynamodb:")]
    [InlineData("https://account.table.core.windows.net/state", "https:")]
    [InlineData("postgres://localhost/db", "postgres:")]
    public void OpenKeyValueStore_UnsupportedScheme_ThrowsNamingValueAndForms(string location, string scheme)
    {
        var error = Assert.Throws<ArgumentException>(() => LocalStores.OpenKeyValueStore(location));

        Assert.Contains(location, error.Message, StringComparison.Ordinal);
        Assert.Contains(scheme, error.Message, StringComparison.Ordinal);
        Assert.Contains(LocalStores.KeyValueStoreForms, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("state")]
    [InlineData("/var/lib/state.json")]
    [InlineData("sqlite://remote/state.db")]
    [InlineData("sqlite:///")]
    [InlineData("memory:named")]
    public void OpenKeyValueStore_InvalidLocation_ThrowsNamingForms(string location)
    {
        var error = Assert.Throws<ArgumentException>(() => LocalStores.OpenKeyValueStore(location));

        Assert.Contains(LocalStores.KeyValueStoreForms, error.Message, StringComparison.Ordinal);
    }
}
