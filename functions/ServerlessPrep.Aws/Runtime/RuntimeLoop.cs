namespace ServerlessPrep.Aws.Runtime;

/// <summary>
/// The custom runtime's event loop: next → handle under the invocation's deadline → response or error, forever.
/// One bad invocation never ends the loop; only the Runtime API going away does.
/// </summary>
internal sealed class RuntimeLoop
{
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(1.5);
    private readonly LambdaRuntimeClient _runtime;
    private readonly Func<byte[], CancellationToken, Task<InvocationResult>> _handler;
    private readonly TimeProvider _time;

    public RuntimeLoop(LambdaRuntimeClient runtime, Func<byte[], CancellationToken, Task<InvocationResult>> handler, TimeProvider time)
    {
        _runtime = runtime;
        _handler = handler;
        _time = time;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var invocation = await _runtime.GetNextAsync(stoppingToken);
            await HandleAsync(invocation, stoppingToken);
        }
    }

    private async Task HandleAsync(LambdaInvocation invocation, CancellationToken stoppingToken)
    {
        // Documented for custom runtimes: expose the trace header to the SDKs through _X_AMZN_TRACE_ID.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        using var deadline = invocation.Deadline is { } at
            ? new CancellationTokenSource(Max(at - _time.GetUtcNow() - SafetyMargin, TimeSpan.Zero), _time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        InvocationResult result;
        try
        {
            result = await _handler(invocation.Payload, linked.Token);
        }
        catch (Exception ex)
        {
            HostLog.Error($"Invocation {invocation.RequestId} failed: {ex}");
            result = InvocationResult.Failure(new LambdaError($"{ex.GetType().Name}: {ex.Message}", "Runtime.UnhandledException"));
        }

        try
        {
            if (result.Response is { } body)
            {
                await _runtime.PostResponseAsync(invocation.RequestId, body, stoppingToken);
            }
            else
            {
                await _runtime.PostErrorAsync(invocation.RequestId, result.Error!, stoppingToken);
            }
        }
        catch (HttpRequestException ex)
        {
            HostLog.Error($"Could not post the result of {invocation.RequestId}: {ex.Message}");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
