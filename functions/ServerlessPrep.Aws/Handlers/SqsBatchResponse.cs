namespace ServerlessPrep.Aws.Handlers;

/// <summary>The documented partial batch response: <c>{"batchItemFailures":[{"itemIdentifier":"…"}]}</c>.</summary>
internal sealed record SqsBatchResponse(IReadOnlyList<SqsBatchItemFailure> BatchItemFailures);
