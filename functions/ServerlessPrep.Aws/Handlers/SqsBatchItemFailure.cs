namespace ServerlessPrep.Aws.Handlers;

/// <summary>One message SQS must make visible again (and, after maxReceiveCount, move to the dead-letter queue).</summary>
internal sealed record SqsBatchItemFailure(string ItemIdentifier);
