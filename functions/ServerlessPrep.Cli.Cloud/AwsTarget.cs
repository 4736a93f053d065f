using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using ServerlessPrep.Aws.Storage;

namespace ServerlessPrep.Cli.Cloud;

/// <summary>
/// <c>s3://bucket[/prefix]</c> with <c>--queue https://sqs.&lt;region&gt;.amazonaws.com/&lt;account&gt;/&lt;queue&gt;</c> (the stack's
/// BufferQueueUrl output) and <c>--kv dynamodb://table</c>. Credentials and region come from the SDK's standard chain
/// (<c>AWS_PROFILE</c>, <c>AWS_ACCESS_KEY_ID</c>…, <c>AWS_REGION</c>); <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL_SQS</c>,
/// <c>AWS_ENDPOINT_URL_DYNAMODB</c> (or <c>AWS_ENDPOINT_URL</c>) point at emulators. Keys are bucket-relative, as the Lambda's are.
/// </summary>
internal static class AwsTarget
{
    private const string TableScheme = "dynamodb://";

    public static CloudBackfillTarget Open(string lakeUri, string queueUri, string kvUri, string? root, Func<string, string?> getVariable)
    {
        var rest = lakeUri[CloudBackfillTarget.S3Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        Check(bucket.Length is >= 3 and <= 63 && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'),
            $"'{lakeUri}': '{bucket}' is not a bucket name (3-63 lowercase letters, digits, '-' and '.').");
        Check(root is null, "--root does not apply to s3:// lakes: the AWS deployment keys objects from the bucket root; put the prefix in the URI.");
        Check(Uri.TryCreate(queueUri, UriKind.Absolute, out var queueUrl) && (queueUrl.Scheme == Uri.UriSchemeHttps || queueUrl.Scheme == Uri.UriSchemeHttp)
                && queueUrl.AbsolutePath.Trim('/').Split('/').Length == 2,
            $"--queue '{queueUri}': an s3:// lake is backfilled through the stack's SQS queue; give its URL (https://sqs.<region>.amazonaws.com/<account>/<queue>, output BufferQueueUrl).");
        Check(kvUri.StartsWith(TableScheme, StringComparison.Ordinal) && kvUri.Length > TableScheme.Length && !kvUri[TableScheme.Length..].Contains('/', StringComparison.Ordinal),
            $"--kv '{kvUri}': an AWS deployment keeps its records in DynamoDB, dynamodb://table (output StateTableName).");
        var table = kvUri[TableScheme.Length..];

        var region = getVariable("AWS_REGION") ?? getVariable("AWS_DEFAULT_REGION");
        var s3 = Configure(new AmazonS3Config(), Endpoint(getVariable, "AWS_ENDPOINT_URL_S3"), region);
        if (s3.ServiceURL is not null)
        {
            s3.ForcePathStyle = true;
        }

        var sqs = Configure(new AmazonSQSConfig(), Endpoint(getVariable, "AWS_ENDPOINT_URL_SQS"), region);
        var dynamo = Configure(new AmazonDynamoDBConfig(), Endpoint(getVariable, "AWS_ENDPOINT_URL_DYNAMODB"), region);
        try
        {
            return new CloudBackfillTarget(
                new S3ObjectStore(new AmazonS3Client(s3), bucket),
                prefix,
                new SqsWorkQueue(new AmazonSQSClient(sqs), queueUri, bucket),
                new DynamoDbKeyValueStore(new AmazonDynamoDBClient(dynamo), table, TimeProvider.System));
        }
        catch (AmazonClientException e)
        {
            throw new CloudBackfillException($"The AWS SDK cannot be configured ({e.Message}): set AWS_REGION (or AWS_PROFILE with a region) and credentials as for the AWS CLI.");
        }
    }

    private static string? Endpoint(Func<string, string?> getVariable, string name)
        => getVariable(name) is { Length: > 0 } specific ? specific : getVariable("AWS_ENDPOINT_URL") is { Length: > 0 } generic ? generic : null;

    private static T Configure<T>(T config, string? endpoint, string? region)
        where T : ClientConfig
    {
        config.RetryMode = RequestRetryMode.Standard;
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new CloudBackfillException(message);
        }
    }
}
