using Amazon.DynamoDBv2;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Aws.Tests.Storage;

/// <summary>"Newer wins" as conditional PutItems against dynalite, plus what a plain write does to the stored order.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class DynamoDbKeyValueStoreOrderedTests(EmulatorFixture emulators) : KeyValueOrderedWriteContractTests
{
    private readonly IAmazonDynamoDB _client = emulators.CreateDynamoDbClient();
    private readonly string _table = "o" + Guid.NewGuid().ToString("N")[..12];

    public override Task InitializeAsync() => EmulatorFixture.CreateTableAsync(_client, _table);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _client.DeleteTableAsync(_table);
        _client.Dispose();
    }

    [Fact]
    public async Task PutAsync_AfterAnOrderedWrite_ForgetsTheOrderSoTheNextOrderedWriteWins()
    {
        var store = new DynamoDbKeyValueStore(_client, _table, Clock);
        byte[] newer = [0, 0, 0, 0, 0, 0, 0, 50, 1];
        byte[] older = [0, 0, 0, 0, 0, 0, 0, 10, 2];
        Assert.Equal(1, await store.PutIfNewerManyAsync([new KvItem("p", "k", newer)]));

        await store.PutAsync(KvItem.FromString("p", "k", "a plain value with no order"), KvWriteCondition.None);

        Assert.Equal(1, await store.PutIfNewerManyAsync([new KvItem("p", "k", older)]));
        Assert.Equal(older, (await store.GetAsync("p", "k"))!.Value.ToArray());
    }

    protected override IKeyValueStore CreateSut(TimeProvider timeProvider) => new DynamoDbKeyValueStore(_client, _table, timeProvider);
}
