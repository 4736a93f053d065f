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
        var s3 = new AmazonS3Config { RetryMode = RequestRetryMode.Standard, MaxErrorRetry = MaxAttempts - 1 };
        if (httpClientFactory is not null)
        {
            s3.HttpClientFactory = httpClientFactory;
        }

        if (config.S3Endpoint is { } endpoint)
        {
            s3.ServiceURL = endpoint.ToString();
            s3.AuthenticationRegion = config.Region;
            s3.ForcePathStyle = true;
        }
        else
        {
            s3.RegionEndpoint = RegionEndpoint.GetBySystemName(config.Region);
        }

        return new AmazonS3Client(s3);
    }

    public static IAmazonSQS CreateSqs(AwsHostConfig config)
    {
        var sqs = new AmazonSQSConfig { RetryMode = RequestRetryMode.Standard, MaxErrorRetry = MaxAttempts - 1 };
        if (config.SqsEndpoint is { } endpoint)
        {
            sqs.ServiceURL = endpoint.ToString();
            sqs.AuthenticationRegion = config.Region;
        }
        else
        {
            sqs.RegionEndpoint = RegionEndpoint.GetBySystemName(config.Region);
        }

        return new AmazonSQSClient(sqs);
    }

    public static IAmazonDynamoDB CreateDynamoDb(AwsHostConfig config)
    {
        var dynamo = new AmazonDynamoDBConfig { RetryMode = RequestRetryMode.Standard, MaxErrorRetry = MaxAttempts - 1 };
        if (config.DynamoDbEndpoint is { } endpoint)
        {
            dynamo.ServiceURL = endpoint.ToString();
            dynamo.AuthenticationRegion = config.Region;
        }
        else
        {
            dynamo.RegionEndpoint = RegionEndpoint.GetBySystemName(config.Region);
        }

        return new AmazonDynamoDBClient(dynamo);
    }
}
