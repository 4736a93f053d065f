using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace ServerlessPrep.Aws.Config;

/// <summary>Builds the SDK clients from <see cref="AwsHostConfig"/>: standard retries, endpoint overrides with path-style S3.</summary>
internal static class AwsClients
{
    private const int MaxAttempts = 5;

    public static IAmazonS3 CreateS3(AwsHostConfig config, HttpClientFactory? httpClientFactory = null)
    {
        var s3 = Configure(new AmazonS3Config(), config.S3Endpoint, config.Region);
        if (httpClientFactory is not null)
        {
            s3.HttpClientFactory = httpClientFactory;
        }

        s3.ForcePathStyle = config.S3Endpoint is not null;
        return new AmazonS3Client(s3);
    }

    public static IAmazonSQS CreateSqs(AwsHostConfig config)
        => new AmazonSQSClient(Configure(new AmazonSQSConfig(), config.SqsEndpoint, config.Region));

    public static IAmazonDynamoDB CreateDynamoDb(AwsHostConfig config)
        => new AmazonDynamoDBClient(Configure(new AmazonDynamoDBConfig(), config.DynamoDbEndpoint, config.Region));

    /// <summary>Standard retries; an endpoint override (emulators) signs for the configured region, otherwise the region's endpoint.</summary>
    private static T Configure<T>(T client, Uri? endpoint, string region)
        where T : ClientConfig
    {
        client.RetryMode = RequestRetryMode.Standard;
        client.MaxErrorRetry = MaxAttempts - 1;
        if (endpoint is not null)
        {
            client.ServiceURL = endpoint.ToString();
            client.AuthenticationRegion = region;
        }
        else
        {
            client.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return client;
    }
}
