using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Local.Tests;

public sealed class FileSystemObjectStoreContractTests : ObjectStoreContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    protected override IObjectStore CreateSut() => new FileSystemObjectStore(_temp.Combine("root"));

    protected override IObjectStore CreateSecondClient(IObjectStore sut) => new FileSystemObjectStore(_temp.Combine("root"));
}
