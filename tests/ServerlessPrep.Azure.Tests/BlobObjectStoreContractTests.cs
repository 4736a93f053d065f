using Azure.Storage.Blobs;
using ServerlessPrep.Azure.Storage;
using ServerlessPrep.Azure.Tests.Support;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Azure.Tests;

/// <summary>The object store contract against azurite: a fresh container per test; the second client is another container client.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly AzuriteFixture _azurite;
    private BlobContainerClient? _container;

    public BlobObjectStoreContractTests(AzuriteFixture azurite) => _azurite = azurite;

    public override async Task InitializeAsync() => _container = await _azurite.NewContainerAsync();

    public override async Task DisposeAsync() => await _container!.DeleteIfExistsAsync();

    protected override IObjectStore CreateSut() => new BlobObjectStore(_container!);

    protected override IObjectStore CreateSecondClient(IObjectStore sut)
        => new BlobObjectStore(new BlobContainerClient(_azurite.ConnectionString, _container!.Name));
}
