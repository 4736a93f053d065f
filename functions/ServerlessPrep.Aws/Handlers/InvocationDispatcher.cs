using System.Text.Json;
using ServerlessPrep.Aws.Runtime;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Handlers;

/// <summary>
/// Recognises the trigger shape of an invocation and hands it to its handler. Answers:
/// direct events → a summary, or an error (so Lambda retries) when an object failed transiently;
/// unreadable direct events → a summary with <c>rejected</c> (retrying the same bytes cannot help);
/// SQS → the partial batch response; an unreadable SQS envelope → an error so no message is deleted unseen.
/// </summary>
internal sealed class InvocationDispatcher
{
    public const string InvalidEventErrorType = "ServerlessPrep.InvalidEvent";
    public const string RetryableErrorType = "ServerlessPrep.RetryableFailure";

    private readonly S3NotificationHandler _s3;
    private readonly EventBridgeHandler _eventBridge;
    private readonly SqsHandler _sqs;

    public InvocationDispatcher(ObjectEntryProcessor processor)
    {
        _s3 = new S3NotificationHandler(processor);
        _eventBridge = new EventBridgeHandler(processor);
        _sqs = new SqsHandler(processor);
    }

    public async Task<InvocationResult> DispatchAsync(byte[] payload, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            return Rejected($"Event is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (SqsHandler.CanHandle(root))
            {
                try
                {
                    var batch = await _sqs.HandleAsync(root, cancellationToken);
                    return InvocationResult.Success(JsonSerializer.SerializeToUtf8Bytes(batch, HostJsonContext.Default.SqsBatchResponse));
                }
                catch (S3EventFormatException ex)
                {
                    HostLog.Error($"Unreadable SQS event: {ex.Message}");
                    return InvocationResult.Failure(new LambdaError(ex.Message, InvalidEventErrorType));
                }
            }

            try
            {
                if (EventBridgeHandler.CanHandle(root))
                {
                    return Summarize(await _eventBridge.HandleAsync(root, cancellationToken));
                }

                if (S3NotificationHandler.CanHandle(root))
                {
                    return Summarize(await _s3.HandleAsync(root, cancellationToken));
                }
            }
            catch (S3EventFormatException ex)
            {
                return Rejected(ex.Message);
            }

            return Rejected("Unknown event shape: expected an S3 notification, an EventBridge S3 event or an SQS batch.");
        }
    }

    private static InvocationResult Summarize(IReadOnlyList<ObjectResult> results)
    {
        var failed = results.Where(r => r.Retryable).ToList();
        if (failed.Count > 0)
        {
            var message = $"{failed.Count} of {results.Count} objects failed and will be retried; first: s3://{failed[0].Bucket}/{failed[0].Key}: {failed[0].Reason}";
            return InvocationResult.Failure(new LambdaError(message, RetryableErrorType));
        }

        return InvocationResult.Success(JsonSerializer.SerializeToUtf8Bytes(new InvocationSummary(results), HostJsonContext.Default.InvocationSummary));
    }

    private static InvocationResult Rejected(string reason)
    {
        HostLog.Error($"Event rejected (not retried): {reason}");
        return InvocationResult.Success(JsonSerializer.SerializeToUtf8Bytes(new InvocationSummary([], reason), HostJsonContext.Default.InvocationSummary));
    }
}
