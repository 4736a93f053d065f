using Amazon.DynamoDBv2;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Aws.Tests.Storage;

/// <summary>The key-value contract against dynalite: a fresh table per test; the second client is another SDK client.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class DynamoDbKeyValueStoreContractTests : KeyValueStoreContractTests
{
    private readonly IAmazonDynamoDB _client;
    private readonly IAmazonDynamoDB _secondClient;
    private readonly string _table = "c" + Guid.NewGuid().ToString("N")[..12];

    public DynamoDbKeyValueStoreContractTests(EmulatorFixture emulators)
    {
        _client = emulators.CreateDynamoDbClient();
        _secondClient = emulators.CreateDynamoDbClient();
    }

    public override Task InitializeAsync() => EmulatorFixture.CreateTableAsync(_client, _table);

    public override async Task DisposeAsync()
    {
        await _client.DeleteTableAsync(_table);
        _client.Dispose();
        _secondClient.Dispose();
    }

    protected override IKeyValueStore CreateSut(TimeProvider timeProvider) => new DynamoDbKeyValueStore(_client, _table, timeProvider);

    protected override IKeyValueStore CreateSecondClient(IKeyValueStore sut, TimeProvider timeProvider)
        => new DynamoDbKeyValueStore(_secondClient, _table, timeProvider);
}
