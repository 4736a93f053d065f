namespace ServerlessPrep.Aws.Handlers;

/// <summary>Response body of a direct (S3 or EventBridge) invocation. <see cref="Rejected"/> is set for events we cannot read.</summary>
internal sealed record InvocationSummary(IReadOnlyList<ObjectResult> Results, string? Rejected = null);
