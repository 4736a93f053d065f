namespace ServerlessPrep.Aws.Tests.Host;

/// <summary>What the runtime posted for an invocation: kind is "response" or "error".</summary>
internal sealed record RuntimePost(string Kind, string Body, string? ErrorTypeHeader);
