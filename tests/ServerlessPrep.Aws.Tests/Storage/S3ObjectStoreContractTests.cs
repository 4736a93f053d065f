using Amazon.S3;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Aws.Tests.Emulators;
using ServerlessPrep.Core.Storage;
using ServerlessPrep.Testing;

namespace ServerlessPrep.Aws.Tests.Storage;

/// <summary>
/// The object store contract against s3rver: a fresh prefix in the lake bucket per test; the second client is another SDK client.
/// Both clients go through the fixture's If-None-Match emulation (s3rver ignores conditional PUTs).
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class S3ObjectStoreContractTests : ObjectStoreContractTests, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly IAmazonS3 _secondClient;
    private readonly string _prefix = TestData.Unique("contract-") + "/";

    public S3ObjectStoreContractTests(EmulatorFixture emulators)
    {
        _client = emulators.CreateS3Client();
        _secondClient = emulators.CreateS3Client();
    }

    public void Dispose()
    {
        _client.Dispose();
        _secondClient.Dispose();
    }

    protected override IObjectStore CreateSut() => new S3ObjectStore(_client, EmulatorFixture.LakeBucket, _prefix);

    protected override IObjectStore CreateSecondClient(IObjectStore sut) => new S3ObjectStore(_secondClient, EmulatorFixture.LakeBucket, _prefix);

    // s3rver lists by walking its on-disk folder tree, so "raw/a/z" comes before "raw-2/a"; S3 lists in UTF-8 binary (here ordinal) order.
    [Fact(Skip = "s3rver limitation: ListObjectsV2 returns keys in folder-walk order, not S3's UTF-8 binary key order")]
    public override Task ListAsync_EmptyPrefix_ReturnsAllKeysInOrdinalOrder() => Task.CompletedTask;

    [Fact(Skip = "s3rver limitation: ListObjectsV2 returns keys in folder-walk order, not S3's UTF-8 binary key order")]
    public override Task ListAsync_PrefixWithoutSlash_MatchesSiblingsSharingIt() => Task.CompletedTask;

    // s3rver rewrites an object's file in place (fs.createWriteStream on the final path), so a concurrent GET can see a
    // half-written body; S3 PUTs are atomic.
    [Fact(Skip = "s3rver limitation: PutObject overwrites the object file in place, so concurrent readers can see a partial body")]
    public override Task PutAsync_ConcurrentReaders_SeeOldOrNewObjectNeverPart() => Task.CompletedTask;
}
