using Azure.Data.Tables;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Azure.Tests;

/// <summary>The key-value contract against azurite: a fresh table per test; the second client is another table client.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableKeyValueStoreContractTests : KeyValueStoreContractTests
{
    private readonly AzuriteFixture _azurite;
    private TableClient? _table;

    public TableKeyValueStoreContractTests(AzuriteFixture azurite) => _azurite = azurite;

    public override async Task InitializeAsync() => _table = await _azurite.NewTableAsync();

    public override async Task DisposeAsync() => await _table!.DeleteAsync();

    protected override IKeyValueStore CreateSut(TimeProvider timeProvider) => new TableKeyValueStore(_table!, timeProvider);

    protected override IKeyValueStore CreateSecondClient(IKeyValueStore sut, TimeProvider timeProvider)
        => new TableKeyValueStore(new TableClient(_azurite.ConnectionString, _table!.Name), timeProvider);
}
