using System.Text.Json;
using ServerlessPrep.Core.Events;

namespace ServerlessPrep.Aws.Handlers;

/// <summary>
/// Trigger: SQS event source mapping with ReportBatchItemFailures. Each message wraps an S3 notification or an EventBridge event.
/// A message fails (and is redelivered, then dead-lettered) when its body is unreadable or any of its objects failed;
/// messages left when the deadline nears are failed without being started.
/// </summary>
internal sealed class SqsHandler
{
    private readonly ObjectEntryProcessor _processor;

    public SqsHandler(ObjectEntryProcessor processor) => _processor = processor;

    public static bool CanHandle(JsonElement root) => SqsEventParser.IsMatch(root);

    public async Task<SqsBatchResponse> HandleAsync(JsonElement root, CancellationToken cancellationToken)
    {
        var failures = new List<SqsBatchItemFailure>();
        foreach (var message in SqsEventParser.Parse(root))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                HostLog.Warn($"SQS message {message.MessageId} not started: deadline reached.");
                failures.Add(new SqsBatchItemFailure(message.MessageId));
                continue;
            }

            IReadOnlyList<S3EventEntry> entries;
            try
            {
                entries = SqsEventParser.ParseBody(message.Body);
            }
            catch (S3EventFormatException ex)
            {
                HostLog.Error($"SQS message {message.MessageId} rejected: {ex.Message}");
                failures.Add(new SqsBatchItemFailure(message.MessageId));
                continue;
            }

            var results = await _processor.ProcessAsync(entries, cancellationToken);
            if (results.Any(r => r.Retryable))
            {
                failures.Add(new SqsBatchItemFailure(message.MessageId));
            }
        }

        return new SqsBatchResponse(failures);
    }
}
