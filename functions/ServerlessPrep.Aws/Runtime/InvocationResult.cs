namespace ServerlessPrep.Aws.Runtime;

/// <summary>What the runtime posts for one invocation: a response body, or an error that makes Lambda retry.</summary>
internal sealed record InvocationResult(byte[]? Response, LambdaError? Error)
{
    public static InvocationResult Success(byte[] response) => new(response, null);

    public static InvocationResult Failure(LambdaError error) => new(null, error);
}
