using System.Text.Json;
using ServerlessPrep.Cli.Cloud;
using ServerlessPrep.Cli.Running;
using ServerlessPrep.Core.Processing;

namespace ServerlessPrep.Cli.Tests;

/// <summary><c>backfill</c> with a cloud lake: every unusable combination of URIs and options is refused with a clear message and exit 1.</summary>
public sealed class BackfillCommandTests : IDisposable
{
    private const string DevConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:2/devstoreaccount1;TableEndpoint=http://127.0.0.1:3/devstoreaccount1;";
    private const string SqsUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/prep-buffer";
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("gs://prep-lake/raw --queue projects/p/topics/t --kv firestore://x", "gs://state-bucket/prefix")]
    [InlineData("gs://prep-lake/raw --queue https://sqs.eu-west-1.amazonaws.com/1/q --kv gs://state/kv", "pubsub://projects/<project>/topics/<topic>")]
    [InlineData("gs://prep-lake/raw --queue pubsub://projects/p/subscriptions/s --kv gs://state/kv", "pubsub://projects/<project>/topics/<topic>")]
    [InlineData("gs://Prep_Lake/raw --queue pubsub://projects/p/topics/t --kv gs://state/kv", "'Prep_Lake' is not a bucket name")]
    [InlineData("gs://prep-lake/other --root raw --queue pubsub://projects/p/topics/t --kv gs://state/kv", "not inside the lake root 'raw/'")]
    [InlineData("az://acct1/lake --kv aztable://acct1/records", "add --queue")]
    [InlineData("az://acct1/lake --queue azqueue://acct1/backfill", "add --kv")]
    [InlineData("ftp://host/lake --queue q --kv k", "expected az://account/container[/prefix], s3://bucket[/prefix], gs://bucket[/prefix] or a local path")]
    [InlineData("az://acct1/lake --queue " + SqsUrl + " --kv aztable://acct1/records", "an az:// lake is backfilled through an Azure Storage queue")]
    [InlineData("az://acct1/Lake_1 --queue azqueue://acct1/backfill --kv aztable://records", "'Lake_1' is not a container name")]
    [InlineData("az://acct1/lake --queue azqueue://acct1/backfill --kv aztable://acct1/x", "'x' is not a table name")]
    [InlineData("az://acct1/lake --queue azqueue://acct1/back/fill --kv aztable://records", "expected azqueue://account/queue")]
    [InlineData("az://acct1/lake/other/x --root raw --queue azqueue://acct1/backfill --kv aztable://records", "not inside the lake root 'raw/'")]
    [InlineData("s3://lake-bucket/raw --queue azqueue://acct1/backfill --kv dynamodb://state", "give its URL")]
    [InlineData("s3://lake-bucket/raw --queue " + SqsUrl + " --kv aztable://records", "dynamodb://table")]
    [InlineData("s3://lake-bucket/raw --root raw --queue " + SqsUrl + " --kv dynamodb://state", "--root does not apply to s3://")]
    [InlineData("s3://Lake_Bucket/raw --queue " + SqsUrl + " --kv dynamodb://state", "is not a bucket name")]
    [InlineData("s3://lake-bucket/raw --local", "--local processes on this machine and needs a local path")]
    [InlineData("az://acct1/lake --queue azqueue://acct1/backfill --kv aztable://records --wait soon", "--wait 'soon'")]
    public async Task Backfill_UnusableCloudArguments_ExitOneNamingTheProblem(string arguments, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(["backfill", .. arguments.Split(' ')]);

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Backfill_LocalPathWithQueue_IsRefused()
    {
        _dir.Write("lake/people/a.csv", "id\n1\n");

        var (code, _, error) = await CliRunner.RunAsync("backfill", _dir.Combine("lake"), "--queue", "azqueue://acct1/backfill", "--out", _dir.Combine("out"));

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("--queue and --kv are for a cloud lake", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    [Fact]
    public void Open_AzureWithRoot_ListsBelowTheLakePrefixAndNamesTheQueue()
    {
        var target = CloudBackfillTarget.Open("az://devstoreaccount1/lake/raw/sales/", "azqueue://devstoreaccount1/backfill", "aztable://records", "raw", Env(DevConnectionString));

        Assert.Equal("sales/", target.Prefix);
        Assert.Equal("azblob://lake/raw/", target.Lake.Uri);
        Assert.Equal("azqueue://devstoreaccount1/backfill", target.Queue.Uri);
    }

    [Fact]
    public void Open_ConnectionStringForAnotherAccount_IsRefusedNamingBoth()
    {
        var error = Assert.Throws<CloudBackfillException>(() =>
            CloudBackfillTarget.Open("az://prodaccount/lake", "azqueue://prodaccount/backfill", "aztable://records", null, Env(DevConnectionString)));

        Assert.Contains("'prodaccount'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'devstoreaccount1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_S3_KeepsBucketRelativeKeysAndTheQueueUrl()
    {
        var target = CloudBackfillTarget.Open("s3://lake-bucket/raw/", SqsUrl, "dynamodb://state", null, name => name == "AWS_REGION" ? "eu-west-1" : null);

        Assert.Equal("raw/", target.Prefix);
        Assert.Equal(SqsUrl, target.Queue.Uri);
    }

    [Fact]
    public void Open_Gcs_ListsBelowTheLakeRootAndPublishesOnTheTopic()
    {
        var emulators = new Dictionary<string, string> { ["STORAGE_EMULATOR_HOST"] = "127.0.0.1:1", ["PUBSUB_EMULATOR_HOST"] = "127.0.0.1:2" };

        var target = CloudBackfillTarget.Open("gs://prep-lake/raw/sales/", "pubsub://projects/prep/topics/prep-backfill", "gs://prep-state/kv", "raw", emulators.GetValueOrDefault);

        Assert.Equal("sales/", target.Prefix);
        Assert.Equal("gs://prep-lake/raw/", target.Lake.Uri);
        Assert.Equal("pubsub://projects/prep/topics/prep-backfill", target.Queue.Uri);
    }

    [Fact]
    public async Task Backfill_AzureQueueUnreachable_ExitsOneWithTheCloudErrorInsteadOfCrashing()
    {
        Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", DevConnectionString);
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("backfill", "az://devstoreaccount1/lake", "--queue", "azqueue://devstoreaccount1/backfill", "--kv", "aztable://records", "--no-wait");

            Assert.Equal(ExitCodes.Error, code);
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.Contains("lake az://devstoreaccount1/lake", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", null);
        }
    }

    [Fact]
    public void SummaryJson_PendingObjects_AreReportedAsSuchAndFailTheRunUnlessNotFollowed()
    {
        var summary = new RunSummary { Queue = "azqueue://acct1/backfill", Enqueued = 2 };
        summary.Add(new ProcessingOutcome { Key = "sales/a.parquet", Status = ObjectStatus.Processed, RowsIn = 4 });
        summary.Add(new ProcessingOutcome { Key = "sales/b.parquet", Status = ObjectStatus.Pending, Reason = "not finished after 30 s: in progress in run r1" });

        var followed = JsonDocument.Parse(SummaryJson.Write(summary)).RootElement;
        summary.PendingExpected = true;
        var notFollowed = JsonDocument.Parse(SummaryJson.Write(summary)).RootElement;

        Assert.Equal("pending", followed.GetProperty("objects")[1].GetProperty("status").GetString());
        Assert.Equal(1, followed.GetProperty("totals").GetProperty("pending").GetInt32());
        Assert.Equal(2, followed.GetProperty("totals").GetProperty("objects").GetInt32());
        Assert.Equal(2, followed.GetProperty("enqueued").GetInt32());
        Assert.Equal("azqueue://acct1/backfill", followed.GetProperty("queue").GetString());
        Assert.Equal(ExitCodes.Error, followed.GetProperty("exitCode").GetInt32());
        Assert.Equal(ExitCodes.Success, notFollowed.GetProperty("exitCode").GetInt32());
    }

    private static Func<string, string?> Env(string? connectionString)
        => name => name == "AZURE_STORAGE_CONNECTION_STRING" ? connectionString : null;
}
