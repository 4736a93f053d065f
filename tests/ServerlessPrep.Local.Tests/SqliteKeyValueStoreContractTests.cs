using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Local.Tests;

/// <summary>The contract against a database file in a temp folder; the second client is another store (its own connections) on the same file.</summary>
public sealed class SqliteKeyValueStoreContractTests : KeyValueStoreContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<SqliteKeyValueStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _temp.Dispose();
    }

    protected override IKeyValueStore CreateSut(TimeProvider timeProvider) => Track(new SqliteKeyValueStore(_temp.Combine("state", "kv.db"), timeProvider));

    protected override IKeyValueStore CreateSecondClient(IKeyValueStore sut, TimeProvider timeProvider)
        => Track(new SqliteKeyValueStore(_temp.Combine("state", "kv.db"), timeProvider));

    private SqliteKeyValueStore Track(SqliteKeyValueStore store)
    {
        _stores.Add(store);
        return store;
    }
}
