using Google.Cloud.Storage.V1;
using ServerlessPrep.Gcp;
using ServerlessPrep.Gcp.Storage;

namespace ServerlessPrep.Cli.Cloud;

/// <summary>
/// <c>gs://bucket[/path]</c> with <c>--queue pubsub://projects/&lt;project&gt;/topics/&lt;topic&gt;</c> (Terraform output
/// <c>backfill_topic</c>) and <c>--kv gs://state-bucket/prefix</c> (the service's <c>SERVERLESSPREP_KV</c>); <c>--root</c> is the
/// prefix of its <c>SERVERLESSPREP_LAKE</c>. Credentials: Application Default Credentials (<c>gcloud auth application-default
/// login</c>, a service account key, the metadata server); <c>STORAGE_EMULATOR_HOST</c> and <c>PUBSUB_EMULATOR_HOST</c> point at
/// emulators without credentials.
/// </summary>
internal static class GcpTarget
{
    public const string StorageEmulatorVariable = "STORAGE_EMULATOR_HOST";
    private const string TopicScheme = "pubsub://";

    public static CloudBackfillTarget Open(string lakeUri, string queueUri, string kvUri, string? root, Func<string, string?> getVariable, HttpClient? http = null)
    {
        var (bucket, path) = BucketAndPath(lakeUri, "the lake");
        var lakePrefix = (root ?? string.Empty).Trim('/');
        lakePrefix = lakePrefix.Length == 0 ? string.Empty : lakePrefix + "/";
        Check(path.StartsWith(lakePrefix, StringComparison.Ordinal) || path + "/" == lakePrefix,
            $"'{lakeUri}' is not inside the lake root '{lakePrefix}' (--root: the prefix of the deployment's SERVERLESSPREP_LAKE).");
        var listPrefix = path.Length <= lakePrefix.Length ? string.Empty : path[lakePrefix.Length..];

        var topic = queueUri.StartsWith(TopicScheme, StringComparison.Ordinal) ? queueUri[TopicScheme.Length..] : queueUri;
        Check(PubSubWorkQueue.IsTopicName(topic),
            $"--queue '{queueUri}': a gs:// lake is backfilled through the deployment's Pub/Sub topic, pubsub://projects/<project>/topics/<topic> (Terraform output backfill_topic).");
        Check(kvUri.StartsWith(CloudBackfillTarget.GcsScheme, StringComparison.Ordinal),
            $"--kv '{kvUri}': a GCP deployment keeps its records as objects, gs://state-bucket/prefix (the service's SERVERLESSPREP_KV).");
        var (kvBucket, kvPrefix) = BucketAndPath(kvUri, "--kv");

        var storage = StorageClient(getVariable);
        var lake = new LakeScope(bucket, lakePrefix);
        var queue = PubSubEndpoint.Open(http ?? new HttpClient(), topic, lake, getVariable);
        return new CloudBackfillTarget(
            new GcsObjectStore(storage, bucket, lakePrefix),
            listPrefix,
            queue,
            new GcsKeyValueStore(storage, kvBucket, kvPrefix, TimeProvider.System));
    }

    private static StorageClient StorageClient(Func<string, string?> getVariable)
    {
        if (getVariable(StorageEmulatorVariable) is { Length: > 0 } emulator)
        {
            var host = emulator.Contains("://", StringComparison.Ordinal) ? emulator.TrimEnd('/') : "http://" + emulator;
            return new StorageClientBuilder { BaseUri = host + "/storage/v1/", UnauthenticatedAccess = true }.Build();
        }

        try
        {
            return Google.Cloud.Storage.V1.StorageClient.Create();
        }
        catch (InvalidOperationException e)
        {
            throw new CloudBackfillException($"No Google credentials ({e.Message}): run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS.");
        }
    }

    private static (string Bucket, string Path) BucketAndPath(string uri, string what)
    {
        var rest = uri[CloudBackfillTarget.GcsScheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? string.Empty : rest[(slash + 1)..];
        Check(bucket.Length is >= 3 and <= 63 && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'),
            $"{what} '{uri}': '{bucket}' is not a bucket name (3-63 lowercase letters, digits, '-', '_' and '.').");
        return (bucket, path);
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new CloudBackfillException(message);
        }
    }
}
