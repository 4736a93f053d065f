using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Local.Tests;

public sealed class InMemoryObjectStoreContractTests : ObjectStoreContractTests
{
    protected override IObjectStore CreateSut() => new InMemoryObjectStore();
}
