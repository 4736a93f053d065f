namespace ServerlessPrep.Core.Events;

/// <summary>One record of an SQS event: the id to report in <c>batchItemFailures</c> and the raw message body.</summary>
public sealed record SqsMessage(string MessageId, string Body);
