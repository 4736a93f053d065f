using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Local.Tests;

/// <summary>"Newer wins" in SQLite: every client is its own connection to one database file.</summary>
public sealed class SqliteKeyValueStoreOrderedTests : KeyValueOrderedWriteContractTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sp-ordered-{Guid.NewGuid():N}.db");

    protected override IKeyValueStore CreateSut(TimeProvider timeProvider) => new SqliteKeyValueStore(_path, timeProvider);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }
}
