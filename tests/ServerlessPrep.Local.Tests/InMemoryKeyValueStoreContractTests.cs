using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Local.Tests;

public sealed class InMemoryKeyValueStoreContractTests : KeyValueStoreContractTests
{
    protected override IKeyValueStore CreateSut(TimeProvider timeProvider) => new InMemoryKeyValueStore(timeProvider);
}
