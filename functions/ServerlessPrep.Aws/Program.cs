using ServerlessPrep.Aws.Config;
using ServerlessPrep.Aws.Handlers;
using ServerlessPrep.Aws.Runtime;

namespace ServerlessPrep.Aws;

/// <summary>Lambda custom runtime entry point (<c>bootstrap</c> on provided.al2023): validate config, wire, loop.</summary>
internal static class Program
{
    public static async Task<int> Main()
    {
        var runtimeApi = Environment.GetEnvironmentVariable(AwsHostConfig.RuntimeApiVariable);
        if (string.IsNullOrEmpty(runtimeApi))
        {
            await Console.Error.WriteLineAsync($"{AwsHostConfig.RuntimeApiVariable} is not set: this binary is a Lambda custom runtime (bootstrap).");
            return 2;
        }

        using var runtime = new LambdaRuntimeClient(runtimeApi);
        HostComposition composition;
        try
        {
            var config = AwsHostConfig.Load(Environment.GetEnvironmentVariable, out var errors);
            if (config is null)
            {
                var message = "Invalid configuration: " + string.Join(" ", errors);
                HostLog.Error(message);
                await runtime.PostInitErrorAsync(new LambdaError(message, "Runtime.InvalidConfiguration"), CancellationToken.None);
                return 1;
            }

            composition = HostComposition.Create(config, TimeProvider.System);
        }
        catch (Exception ex)
        {
            HostLog.Error($"Initialisation failed: {ex}");
            await runtime.PostInitErrorAsync(new LambdaError($"{ex.GetType().Name}: {ex.Message}", "Runtime.InitError"), CancellationToken.None);
            return 1;
        }

        using (composition)
        {
            var loop = new RuntimeLoop(runtime, composition.Dispatcher.DispatchAsync, TimeProvider.System);
            try
            {
                await loop.RunAsync(CancellationToken.None);
            }
            catch (HttpRequestException ex)
            {
                HostLog.Error($"Runtime API unavailable, exiting: {ex.Message}");
                return 3;
            }
        }

        return 0;
    }
}
