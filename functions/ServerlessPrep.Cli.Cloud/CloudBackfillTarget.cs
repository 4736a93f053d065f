using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Storage;

namespace ServerlessPrep.Cli.Cloud;

/// <summary>What a queued backfill runs against: the deployment's lake (and the prefix to list in it), queue and key-value store.</summary>
internal sealed record CloudBackfillTarget(IObjectStore Lake, string Prefix, IWorkQueue Queue, IKeyValueStore Kv)
{
    public const string AzureLakeScheme = "az://";
    public const string S3Scheme = "s3://";
    public const string GcsScheme = "gs://";

    /// <summary>True when <paramref name="path"/> is a URI (<c>scheme://…</c>) rather than a local path.</summary>
    public static bool IsCloudUri(string path) => path.Contains("://", StringComparison.Ordinal);

    /// <summary>
    /// Opens the target named by the URIs, with credentials from the SDKs' standard environment. Throws
    /// <see cref="CloudBackfillException"/> with what was expected when a URI is malformed or the clouds do not match.
    /// </summary>
    public static CloudBackfillTarget Open(string lakeUri, string? queueUri, string? kvUri, string? root, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(lakeUri);
        ArgumentNullException.ThrowIfNull(getVariable);
        if (queueUri is null)
        {
            throw new CloudBackfillException($"A cloud backfill enqueues on the deployment's own queue: add --queue (azqueue://account/queue for az://, the SQS queue URL for s3://, pubsub://projects/<project>/topics/<topic> for gs://). '{lakeUri}' is not processed on this machine.");
        }

        if (kvUri is null)
        {
            throw new CloudBackfillException("A cloud backfill follows progress in the deployment's key-value store: add --kv (aztable://account/table for az://, dynamodb://table for s3://, gs://state-bucket/prefix for gs://).");
        }

        return lakeUri.StartsWith(AzureLakeScheme, StringComparison.Ordinal) ? AzureTarget.Open(lakeUri, queueUri, kvUri, root, getVariable)
            : lakeUri.StartsWith(S3Scheme, StringComparison.Ordinal) ? AwsTarget.Open(lakeUri, queueUri, kvUri, root, getVariable)
            : lakeUri.StartsWith(GcsScheme, StringComparison.Ordinal) ? GcpTarget.Open(lakeUri, queueUri, kvUri, root, getVariable)
            : throw new CloudBackfillException($"'{lakeUri}': expected az://account/container[/prefix], s3://bucket[/prefix], gs://bucket[/prefix] or a local path.");
    }
}
