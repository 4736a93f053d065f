using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using ServerlessPrep.Aws.Config;
using ServerlessPrep.Aws.Handlers;
using ServerlessPrep.Aws.Storage;
using ServerlessPrep.Core.Backfill;
using ServerlessPrep.Core.Processing;
using ServerlessPrep.Core.Specs;

namespace ServerlessPrep.Aws;

/// <summary>Static wiring of the host (AOT-friendly, no container): clients, stores, one processor per lake bucket.</summary>
internal sealed class HostComposition : IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly IAmazonDynamoDB _dynamo;
    private readonly Dictionary<string, IObjectProcessor> _processors = new(StringComparer.Ordinal);
    private readonly S3ObjectStore _output;
    private readonly DynamoDbKeyValueStore _kv;
    private readonly ProcessorOptions _options;
    private readonly SpecSet _specs;
    private readonly TimeProvider _time;
    private readonly IAmazonSQS? _sqs;
    private readonly string? _partQueueUrl;

    private HostComposition(AwsHostConfig config, TimeProvider time)
    {
        _time = time;
        _specs = config.Specs;
        _s3 = AwsClients.CreateS3(config);
        _dynamo = AwsClients.CreateDynamoDb(config);
        _output = new S3ObjectStore(_s3, config.OutputBucket, config.OutputPrefix);
        _kv = new DynamoDbKeyValueStore(_dynamo, config.Table, time);
        _partQueueUrl = config.PartQueueUrl;
        _sqs = config.PartQueueUrl is null ? null : AwsClients.CreateSqs(config);
        _options = new ProcessorOptions { TempDirectory = config.TempDirectory };
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid processor options: " + string.Join(" ", errors));
        }

        Dispatcher = new InvocationDispatcher(new ObjectEntryProcessor(ProcessorFor, config.OutputBucket, config.OutputPrefix));
    }

    public InvocationDispatcher Dispatcher { get; }

    public static HostComposition Create(AwsHostConfig config, TimeProvider time) => new(config, time);

    public void Dispose()
    {
        _s3.Dispose();
        _dynamo.Dispose();
        _sqs?.Dispose();
    }

    private IObjectProcessor ProcessorFor(string bucket)
    {
        if (!_processors.TryGetValue(bucket, out var processor))
        {
            // Large objects: parts go to the buffer queue as messages this function parses back (or run in the invocation without one).
            var parts = _sqs is null ? null : new QueuePartDispatcher(new SqsWorkQueue(_sqs, _partQueueUrl!, bucket));
            processor = new Processor(new S3ObjectStore(_s3, bucket), _output, _kv, _specs, _options, _time, partDispatcher: parts);
            _processors[bucket] = processor;
        }

        return processor;
    }
}
