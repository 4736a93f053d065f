namespace ServerlessPrep.Aws.Runtime;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>, with the headers the runtime must honour.</summary>
internal sealed record LambdaInvocation(string RequestId, DateTimeOffset? Deadline, string? FunctionArn, string? TraceId, byte[] Payload);
